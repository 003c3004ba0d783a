// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.AnalyzerAdapter;

/**
 * What the agent needs to know of a class's methods before it instruments them, read from the
 * class file alone (no class is loaded): each method's flags, descriptor, parameter names (from
 * {@code MethodParameters}, else the local variable table), how many locals it uses, and whether
 * its code is of a shape the agent can instrument.
 */
final class ClassScan {
    /** One method, as its class file declares it. */
    record MethodFacts(int access, String name, String descriptor, List<String> parameterNames, int maxLocals,
                       boolean subroutines, int constructorCalls) {
        boolean isConstructor() {
            return name.equals(Names.CONSTRUCTOR);
        }
    }

    /** The class's name (internal), version, flags and methods. */
    record ClassFacts(String internalName, int version, int access, List<MethodFacts> methods) {
        String binaryName() {
            return internalName.replace('/', '.');
        }
    }

    private ClassScan() {}

    static ClassFacts scan(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        List<MethodFacts> methods = new ArrayList<>();
        int[] header = new int[2];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                header[0] = version;
                header[1] = access;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodReader(reader.getClassName(), access, name, descriptor, methods::add);
            }
        }, ClassReader.EXPAND_FRAMES);
        return new ClassFacts(reader.getClassName(), header[0], header[1], List.copyOf(methods));
    }

    /** Reads one method's parameter names, locals and shape; analyzes a constructor's stack to count its super calls. */
    private static final class MethodReader extends AnalyzerAdapter {
        private final int access;
        private final String name;
        private final String descriptor;
        private final java.util.function.Consumer<MethodFacts> sink;
        private final Type[] parameters;
        private final String[] fromMethodParameters;
        private final String[] fromLocals;
        private final int[] slots;
        private int parameter;
        private int maxLocals;
        private boolean subroutines;
        private int constructorCalls;
        private Label first;

        MethodReader(String owner, int access, String name, String descriptor, java.util.function.Consumer<MethodFacts> sink) {
            super(Opcodes.ASM9, owner, access, name, descriptor, null);
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
            this.sink = sink;
            parameters = Type.getArgumentTypes(descriptor);
            fromMethodParameters = new String[parameters.length];
            fromLocals = new String[parameters.length];
            slots = new int[parameters.length];
            int slot = (access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
            for (int i = 0; i < parameters.length; i++) {
                slots[i] = slot;
                slot += parameters[i].getSize();
            }
        }

        @Override
        public void visitParameter(String parameterName, int parameterAccess) {
            // MethodParameters lists every parameter, synthetic and mandated ones included, in order.
            if (parameter < fromMethodParameters.length) {
                fromMethodParameters[parameter] = parameterName;
            }
            parameter++;
        }

        @Override
        public void visitLabel(Label label) {
            if (first == null) {
                first = label;
            }
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            subroutines |= opcode == Opcodes.JSR;
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            subroutines |= opcode == Opcodes.RET;
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String methodName, String methodDescriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESPECIAL && methodName.equals(Names.CONSTRUCTOR) && stack != null) {
                int receiver = stack.size() - 1 - argumentSlots(methodDescriptor);
                if (receiver >= 0 && stack.get(receiver) == Opcodes.UNINITIALIZED_THIS) {
                    constructorCalls++;
                }
            }
            super.visitMethodInsn(opcode, owner, methodName, methodDescriptor, isInterface);
        }

        @Override
        public void visitLocalVariable(String variable, String variableDescriptor, String signature, Label start, Label end, int index) {
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] == index && fromLocals[i] == null && variableDescriptor.equals(parameters[i].getDescriptor())
                        && (start == first || start.getOffset() == 0)) {
                    fromLocals[i] = variable;
                }
            }
            super.visitLocalVariable(variable, variableDescriptor, signature, start, end, index);
        }

        @Override
        public void visitMaxs(int maxStack, int locals) {
            maxLocals = locals;
            super.visitMaxs(maxStack, locals);
        }

        @Override
        public void visitEnd() {
            List<String> names = new ArrayList<>(parameters.length);
            for (int i = 0; i < parameters.length; i++) {
                names.add(fromMethodParameters[i] != null ? fromMethodParameters[i] : fromLocals[i]);
            }
            sink.accept(new MethodFacts(access, name, descriptor, names, maxLocals, subroutines, constructorCalls));
            super.visitEnd();
        }

        /** The stack entries a call's arguments take in an AnalyzerAdapter's stack: a long or double takes two. */
        private static int argumentSlots(String methodDescriptor) {
            return Arrays.stream(Type.getArgumentTypes(methodDescriptor)).mapToInt(Type::getSize).sum();
        }
    }
}
