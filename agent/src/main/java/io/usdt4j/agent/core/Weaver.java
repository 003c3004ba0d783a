// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AnalyzerAdapter;

/**
 * Adds a method's probes to its code, and nothing else: every other method, and every instruction,
 * line number, local and handler of the method, stays as it was.
 *
 * <pre>
 *   entry$N(first arguments)              after the super constructor's call, in a constructor
 *   long start = start$N()                in a new local, after all of the method's own
 *   try {
 *       ... the method's code, each return preceded by exit$N([value,] start)
 *   } catch (Throwable t) {                 the last handler, so the method's own come first
 *       threw$N(t, start); throw t;       the same throwable: its stack trace is untouched
 *   }
 * </pre>
 *
 * No branch is added to the method: each call goes to a small static method of the generated class
 * ({@link HolderClass}), which the JIT inlines, so an untraced probe costs its semaphore's load and
 * a branch there. The frames the verifier needs are the method's own, each with the new local, and
 * one for the handler; nothing is computed that would load a class.
 */
final class Weaver {
    private Weaver() {}

    /** The class file {@code classFile} with the probes of {@code probes} (by method name and descriptor) added. */
    static byte[] weave(byte[] classFile, Map<String, MethodProbe> probes, Map<String, ClassScan.MethodFacts> facts) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        int[] version = new int[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int classVersion, int access, String name, String signature, String superName, String[] interfaces) {
                version[0] = classVersion;
                super.visit(classVersion, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                MethodProbe probe = probes.get(name + descriptor);
                if (probe == null) {
                    return next;
                }
                return new ProbedMethod(reader.getClassName(), access, name, descriptor, next, probe,
                        facts.get(name + descriptor).maxLocals(), (version[0] & 0xffff) >= Opcodes.V1_6);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /** Key of a method in the maps {@link #weave} takes. */
    static String key(String name, String descriptor) {
        return name + descriptor;
    }

    private static final class ProbedMethod extends AnalyzerAdapter {
        private final MethodProbe probe;
        private final boolean constructor;
        private final boolean frames;
        private final Type returnType;
        private final int access;
        private final String descriptor;
        /** The local that holds the start time: after every local of the method. */
        private final int start;
        private final Label tryStart = new Label();
        /** Whether entry$N and start$N have been called: from then on every frame holds the start time. */
        private boolean entered;

        ProbedMethod(String owner, int access, String name, String descriptor, MethodVisitor next, MethodProbe probe,
                     int maxLocals, boolean frames) {
            super(Opcodes.ASM9, owner, access, name, descriptor, next);
            this.probe = probe;
            this.constructor = name.equals(Names.CONSTRUCTOR);
            this.frames = frames;
            this.returnType = Type.getReturnType(descriptor);
            this.access = access;
            this.descriptor = descriptor;
            this.start = maxLocals;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (!constructor) {
                enter();
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            int receiver = stack == null ? -1 : stack.size() - 1 - argumentSlots(descriptor);
            boolean superCall = constructor && !entered && opcode == Opcodes.INVOKESPECIAL && name.equals(Names.CONSTRUCTOR)
                    && receiver >= 0 && stack.get(receiver) == Opcodes.UNINITIALIZED_THIS;
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            if (superCall) {
                enter();
            }
        }

        /** entry$N(arguments); start = start$N(); and the start of the handler's range. */
        private void enter() {
            Type[] parameters = Type.getArgumentTypes(descriptor);
            int slot = isStatic() ? 0 : 1;
            for (int i = 0; i < parameters.length && i < probe.arguments().size(); i++) {
                super.visitVarInsn(parameters[i].getOpcode(Opcodes.ILOAD), slot);
                slot += parameters[i].getSize();
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, probe.holder(), probe.entryMethod(), probe.entryDescriptor(), false);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, probe.holder(), probe.startMethod(), MethodProbe.startDescriptor(), false);
            super.visitVarInsn(Opcodes.LSTORE, start);
            entered = true;
            super.visitLabel(tryStart);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stackTypes) {
            if (!entered || type != Opcodes.F_NEW) {
                super.visitFrame(type, numLocal, local, numStack, stackTypes);
                return;
            }
            List<Object> locals = withStart(Arrays.asList(local).subList(0, numLocal));
            super.visitFrame(type, locals.size(), locals.toArray(), numStack, stackTypes);
        }

        /** {@code locals}, padded with TOP to the start time's local, then the start time. */
        private List<Object> withStart(List<Object> locals) {
            List<Object> out = new ArrayList<>(locals);
            int slots = 0;
            for (Object local : locals) {
                slots += local == Opcodes.LONG || local == Opcodes.DOUBLE ? 2 : 1;
            }
            while (slots < start) {
                out.add(Opcodes.TOP);
                slots++;
            }
            out.add(Opcodes.LONG);
            return out;
        }

        @Override
        public void visitInsn(int opcode) {
            if (entered && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                if (returnType.getSize() == 2) {
                    super.visitInsn(Opcodes.DUP2);
                } else if (returnType.getSize() == 1) {
                    super.visitInsn(Opcodes.DUP);
                }
                super.visitVarInsn(Opcodes.LLOAD, start);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, probe.holder(), probe.exitMethod(), probe.exitDescriptor(), false);
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (entered) {
                Label tryEnd = new Label();
                Label handler = new Label();
                super.visitLabel(tryEnd);
                super.visitLabel(handler);
                if (frames) {
                    List<Object> locals = withStart(List.of());
                    super.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), 1, new Object[] {"java/lang/Throwable"});
                }
                super.visitInsn(Opcodes.DUP);
                super.visitVarInsn(Opcodes.LLOAD, start);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, probe.holder(), probe.threwMethod(), MethodProbe.threwDescriptor(), false);
                super.visitInsn(Opcodes.ATHROW);
                super.visitTryCatchBlock(tryStart, tryEnd, handler, null);
            }
            super.visitMaxs(maxStack, maxLocals);
        }

        private boolean isStatic() {
            return (access & Opcodes.ACC_STATIC) != 0;
        }

        private static int argumentSlots(String descriptor) {
            return Arrays.stream(Type.getArgumentTypes(descriptor)).mapToInt(Type::getSize).sum();
        }
    }
}
