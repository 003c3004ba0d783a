// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.agent.core;

import io.usdt4j.contract.NativeContract;
import io.usdt4j.description.TracerType;
import io.usdt4j.internal.ProviderBinding;
import io.usdt4j.internal.ProviderNatives;
import io.usdt4j.internal.Semaphores;
import io.usdt4j.internal.StringScratch;
import io.usdt4j.writer.FireNative;
import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The class the agent generates for each library it writes: what a generated provider class is to
 * its interface, for instrumented methods. Defined in the bootstrap class loader, in the package of
 * the agent's relocated runtime, where every instrumented class finds it. Its static initializer
 * binds the library through {@code AgentLibraries.load} (so {@link ProviderBinding} extracts and
 * loads it with every check, and on any failure leaves its semaphores at zero, with one warning);
 * it keeps the semaphores and each probe's offset in {@code static final} fields, as a generated
 * provider does, so that a probe nobody traces costs the JIT's one folded load and a branch.
 *
 * <p>Per instrumented method {@code N}, what the instrumented code calls:
 * <ul>
 *   <li>{@code entry$N(arguments)}: fires the entry probe, if traced;
 *   <li>{@code start$N()}: {@link System#nanoTime()} if the return probe is traced, else 0;
 *   <li>{@code exit$N([value,] start)} and {@code threw$N(throwable, start)}: fire the return probe
 *       if {@code start} is not 0.
 * </ul>
 * A traced fire converts its values in {@code traced...$N} as a generated provider's does: its
 * strings written into a lease of the binding's {@link StringScratch}, held from before the first
 * is written until the native returned ({@code AgentValues} adds null boxes and class names). It
 * calls the probe's native, {@code fire$<probe>}, declared as the writer registers it
 * ({@link FireNative}).
 */
final class HolderClass {
    static final String PACKAGE = Type.getInternalName(ProviderBinding.class)
            .substring(0, Type.getInternalName(ProviderBinding.class).lastIndexOf('/') + 1);
    static final String LIBRARIES = PACKAGE + "AgentLibraries";
    static final String VALUES = PACKAGE + "AgentValues";
    private static final String LEASE = Type.getInternalName(StringScratch.Lease.class);
    private static final String LEASE_DESCRIPTOR = Type.getDescriptor(StringScratch.Lease.class);
    private static final String PREFIX = PACKAGE + "MethodProbes";

    private static final String BINDING_FIELD = "BINDING", SEMAPHORES_FIELD = "SEMAPHORES";
    private static final String BINDING = Type.getDescriptor(ProviderBinding.class);
    private static final String SEMAPHORES = Type.getDescriptor(Semaphores.class);
    private static final int PRIVATE_STATIC = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC;

    private HolderClass() {}

    /** The internal name of the {@code n}-th generated class of this JVM. */
    static String name(int n) {
        return PREFIX + n;
    }

    /**
     * The bytes of class {@code name} for {@code methods}, whose probes are numbered entry
     * {@code 2N}, return {@code 2N + 1}, each string of at most {@code maxStringBytes} bytes.
     */
    static byte[] write(String name, List<MethodProbe> methods, int maxStringBytes) {
        ClassWriter out = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object"; // its code merges no two reference types
            }
        };
        String natives = Type.getInternalName(ProviderNatives.class);
        out.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, name, null,
                natives, null);
        out.visitField(PRIVATE_STATIC | Opcodes.ACC_FINAL, BINDING_FIELD, BINDING, null, null).visitEnd();
        out.visitField(PRIVATE_STATIC | Opcodes.ACC_FINAL, SEMAPHORES_FIELD, SEMAPHORES, null, null).visitEnd();
        int probes = 2 * methods.size();
        for (int i = 0; i < probes; i++) {
            out.visitField(PRIVATE_STATIC | Opcodes.ACC_FINAL, semaphore(i), "I", null, null).visitEnd();
        }
        int stringSlots = 0;
        for (MethodProbe method : methods) {
            stringSlots = Math.max(stringSlots, Math.max(strings(method.entryTypes()), strings(method.returnTypes())));
        }
        staticInitializer(out, name, probes, maxStringBytes, stringSlots);
        contract(out, name, natives);
        for (MethodProbe method : methods) {
            entry(out, name, method);
            exit(out, name, method);
        }
        out.visitEnd();
        return out.toByteArray();
    }

    /** How many string arguments a probe of these arguments has. */
    private static int strings(List<TracerType> arguments) {
        return (int) arguments.stream().filter(type -> type == TracerType.STRING).count();
    }

    private static String semaphore(int probe) {
        return "semaphore$" + probe;
    }

    private static void staticInitializer(ClassWriter out, String name, int probes, int maxStringBytes, int stringSlots) {
        MethodVisitor code = out.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        code.visitCode();
        code.visitTypeInsn(Opcodes.NEW, name);
        code.visitInsn(Opcodes.DUP);
        code.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", "()V", false);
        code.visitLdcInsn(Names.PROVIDER);
        code.visitLdcInsn(probes);
        code.visitLdcInsn(maxStringBytes);
        code.visitLdcInsn(stringSlots);
        code.visitMethodInsn(Opcodes.INVOKESTATIC, LIBRARIES, "load",
                "(" + Type.getDescriptor(ProviderNatives.class) + "Ljava/lang/String;III)" + BINDING, false);
        code.visitFieldInsn(Opcodes.PUTSTATIC, name, BINDING_FIELD, BINDING);
        code.visitFieldInsn(Opcodes.GETSTATIC, name, BINDING_FIELD, BINDING);
        code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, Type.getInternalName(ProviderBinding.class), "semaphores", "()" + SEMAPHORES, false);
        code.visitFieldInsn(Opcodes.PUTSTATIC, name, SEMAPHORES_FIELD, SEMAPHORES);
        for (int i = 0; i < probes; i++) {
            code.visitFieldInsn(Opcodes.GETSTATIC, name, BINDING_FIELD, BINDING);
            code.visitLdcInsn(i);
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, Type.getInternalName(ProviderBinding.class), "offset", "(I)I", false);
            code.visitFieldInsn(Opcodes.PUTSTATIC, name, semaphore(i), "I");
        }
        code.visitInsn(Opcodes.RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /** The constructor, {@link ProviderNatives}' four methods, and the natives of {@link NativeContract#REGISTERED_ON_LOAD}. */
    private static void contract(ClassWriter out, String name, String natives) {
        MethodVisitor init = out.visitMethod(Opcodes.ACC_PRIVATE, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, natives, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor load = out.visitMethod(Opcodes.ACC_PROTECTED, "loadLibrary", "(Ljava/lang/String;)V", null, null);
        load.visitCode();
        load.visitVarInsn(Opcodes.ALOAD, 1);
        load.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "load", "(Ljava/lang/String;)V", false);
        load.visitInsn(Opcodes.RETURN);
        load.visitMaxs(0, 0);
        load.visitEnd();

        for (NativeContract.NativeMethod method : NativeContract.REGISTERED_ON_LOAD) {
            out.visitMethod(PRIVATE_STATIC | Opcodes.ACC_NATIVE, method.name(), method.descriptor(), null, null).visitEnd();
        }
        forward(out, name, "semaphores", NativeContract.SEMAPHORES);
        forward(out, name, "bindProbes", NativeContract.BIND_PROBES);
        forward(out, name, "address", NativeContract.ADDRESS);
    }

    /** {@code protected R method(A a) { return native$(a); }}. */
    private static void forward(ClassWriter out, String name, String method, NativeContract.NativeMethod nativeMethod) {
        MethodVisitor code = out.visitMethod(Opcodes.ACC_PROTECTED, method, nativeMethod.descriptor(), null, null);
        code.visitCode();
        Type type = Type.getMethodType(nativeMethod.descriptor());
        code.visitVarInsn(type.getArgumentTypes()[0].getOpcode(Opcodes.ILOAD), 1);
        code.visitMethodInsn(Opcodes.INVOKESTATIC, name, nativeMethod.name(), nativeMethod.descriptor(), false);
        code.visitInsn(type.getReturnType().getOpcode(Opcodes.IRETURN));
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /** {@code entry$N}, its traced half, and the entry probe's native. */
    private static void entry(ClassWriter out, String name, MethodProbe method) {
        String descriptor = method.entryDescriptor();
        String traced = "tracedEntry$" + method.index();
        // entry$N(arguments): fires if the entry probe is traced
        callTracedIf(out, name, method.entryMethod(), descriptor, code -> isActive(code, name, 2 * method.index()),
                code -> {
                    int slot = 0;
                    for (MethodProbe.Argument argument : method.arguments()) {
                        code.visitVarInsn(argument.kind().helperType.getOpcode(Opcodes.ILOAD), slot);
                        slot += argument.kind().helperType.getSize();
                    }
                }, traced, descriptor);

        MethodVisitor fire = out.visitMethod(PRIVATE_STATIC, traced, descriptor, null, null);
        fire.visitCode();
        int values = method.arguments().stream().mapToInt(argument -> argument.kind().helperType.getSize()).sum();
        boolean leased = method.arguments().stream().anyMatch(a -> a.kind().isString());
        Leased lease = leased ? acquire(fire, name, values) : null;
        int slot = 0;
        int strings = 0;
        for (MethodProbe.Argument argument : method.arguments()) {
            if (convert(fire, argument.kind(), slot, values, strings)) {
                strings++;
            }
            slot += argument.kind().helperType.getSize();
        }
        fireAndReturn(out, fire, name, method.entryProbe(), method.entryTypes(), lease, values);
    }

    /** {@code start$N}, {@code exit$N}, {@code threw$N}, their traced half, and the return probe's native. */
    private static void exit(ClassWriter out, String name, MethodProbe method) {
        int probe = 2 * method.index() + 1;
        MethodVisitor start = out.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method.startMethod(),
                MethodProbe.startDescriptor(), null, null);
        start.visitCode();
        Label untraced = new Label();
        isActive(start, name, probe);
        start.visitJumpInsn(Opcodes.IFEQ, untraced);
        start.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
        start.visitInsn(Opcodes.LRETURN);
        start.visitLabel(untraced);
        start.visitInsn(Opcodes.LCONST_0);
        start.visitInsn(Opcodes.LRETURN);
        start.visitMaxs(0, 0);
        start.visitEnd();

        Type value = method.returned().map(kind -> kind.helperType).orElse(null);
        String traced = "tracedReturn$" + method.index();
        Type throwable = Type.getType(Throwable.class);
        String tracedDescriptor = value == null
                ? Type.getMethodDescriptor(Type.VOID_TYPE, Type.LONG_TYPE, throwable)
                : Type.getMethodDescriptor(Type.VOID_TYPE, Type.LONG_TYPE, throwable, value);

        // exit$N([value,] long start): fires if start != 0
        int startSlot = value == null ? 0 : value.getSize();
        callTracedIf(out, name, method.exitMethod(), method.exitDescriptor(), code -> started(code, startSlot), code -> {
            code.visitVarInsn(Opcodes.LLOAD, startSlot);
            code.visitInsn(Opcodes.ACONST_NULL);
            if (value != null) {
                code.visitVarInsn(value.getOpcode(Opcodes.ILOAD), 0);
            }
        }, traced, tracedDescriptor);

        // threw$N(Throwable thrown, long start): fires if start != 0, with no value
        callTracedIf(out, name, method.threwMethod(), MethodProbe.threwDescriptor(), code -> started(code, 1), code -> {
            code.visitVarInsn(Opcodes.LLOAD, 1);
            code.visitVarInsn(Opcodes.ALOAD, 0);
            if (value != null) {
                zero(code, value);
            }
        }, traced, tracedDescriptor);

        // tracedReturn$N(long start, Throwable thrown, [value]): fire$<return>(ns, threw, [value])
        MethodVisitor fire = out.visitMethod(PRIVATE_STATIC, traced, tracedDescriptor, null, null);
        fire.visitCode();
        int values = 3 + (value == null ? 0 : value.getSize());
        Leased lease = acquire(fire, name, values);
        fire.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
        fire.visitVarInsn(Opcodes.LLOAD, 0);
        fire.visitInsn(Opcodes.LSUB);
        convert(fire, ArgumentKind.CLASS_NAME, 2, values, 0);
        if (value != null) {
            convert(fire, method.returned().orElseThrow(), 3, values, 1);
        }
        fireAndReturn(out, fire, name, method.returnProbe(), method.returnTypes(), lease, values);
    }

    /**
     * The end of a traced half, {@code fire}, its arguments on the stack: calls {@code probe}'s
     * native ({@code fire$<probe>}, of {@code types}), gives back {@code lease} (in local
     * {@code values}) when there is one, and returns; and declares that native in the class.
     */
    private static void fireAndReturn(ClassWriter out, MethodVisitor fire, String name, String probe,
            List<TracerType> types, Leased lease, int values) {
        String nativeName = NativeContract.fireMethodName(probe);
        String nativeDescriptor = FireNative.descriptor(types);
        fire.visitMethodInsn(Opcodes.INVOKESTATIC, name, nativeName, nativeDescriptor, false);
        if (lease != null) {
            release(fire, lease, values);
        }
        fire.visitInsn(Opcodes.RETURN);
        fire.visitMaxs(0, 0);
        fire.visitEnd();
        out.visitMethod(PRIVATE_STATIC | Opcodes.ACC_NATIVE, nativeName, nativeDescriptor, null, null).visitEnd();
    }

    /**
     * {@code public static void method(descriptor)} of class {@code name}, the untraced half of a
     * probe: when {@code guard} leaves a non-zero {@code int} on the stack, calls {@code traced}
     * ({@code tracedDescriptor}) with what {@code arguments} pushes; else only returns.
     */
    private static void callTracedIf(ClassWriter out, String name, String method, String descriptor,
            Consumer<MethodVisitor> guard, Consumer<MethodVisitor> arguments, String traced, String tracedDescriptor) {
        MethodVisitor code = out.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method, descriptor, null, null);
        code.visitCode();
        Label untraced = new Label();
        guard.accept(code);
        code.visitJumpInsn(Opcodes.IFEQ, untraced);
        arguments.accept(code);
        code.visitMethodInsn(Opcodes.INVOKESTATIC, name, traced, tracedDescriptor, false);
        code.visitLabel(untraced);
        code.visitInsn(Opcodes.RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /** {@code start != 0} on the stack as an {@code int} (0 when false), {@code start} the {@code long} in local {@code slot}. */
    private static void started(MethodVisitor code, int slot) {
        code.visitVarInsn(Opcodes.LLOAD, slot);
        code.visitInsn(Opcodes.LCONST_0);
        code.visitInsn(Opcodes.LCMP);
    }

    /** Where a lease is held: from {@code start} to {@code end}, given back at {@code handler} on a throw. */
    private record Leased(Label start, Label end, Label handler) {}

    /**
     * {@code StringScratch.Lease strings = BINDING.strings().acquire();} and the start of the
     * {@code try} that gives it back, at the start of a method (before any label is visited), the
     * lease in local {@code values}: what a generated provider's traced fire does.
     */
    private static Leased acquire(MethodVisitor code, String name, int values) {
        Leased lease = new Leased(new Label(), new Label(), new Label());
        code.visitTryCatchBlock(lease.start(), lease.end(), lease.handler(), null);
        code.visitFieldInsn(Opcodes.GETSTATIC, name, BINDING_FIELD, BINDING);
        code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, Type.getInternalName(ProviderBinding.class), "strings",
                "()" + Type.getDescriptor(StringScratch.class), false);
        code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, Type.getInternalName(StringScratch.class), "acquire",
                "()" + LEASE_DESCRIPTOR, false);
        code.visitVarInsn(Opcodes.ASTORE, values);
        code.visitLabel(lease.start());
        return lease;
    }

    /**
     * The {@code finally} of {@link #acquire}'s {@code try}, {@code strings.release()}: after the
     * native's call, and on any throw from the {@code try} on, before the throwable goes on. Leaves
     * the stack empty, to return after.
     */
    private static void release(MethodVisitor code, Leased lease, int values) {
        code.visitLabel(lease.end());
        code.visitVarInsn(Opcodes.ALOAD, values);
        code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LEASE, "release", "()V", false);
        Label done = new Label();
        code.visitJumpInsn(Opcodes.GOTO, done);
        code.visitLabel(lease.handler());
        code.visitVarInsn(Opcodes.ALOAD, values);
        code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LEASE, "release", "()V", false);
        code.visitInsn(Opcodes.ATHROW);
        code.visitLabel(done);
    }

    /** {@code SEMAPHORES.isActive(semaphore$probe)} on the stack. */
    private static void isActive(MethodVisitor code, String name, int probe) {
        code.visitFieldInsn(Opcodes.GETSTATIC, name, SEMAPHORES_FIELD, SEMAPHORES);
        code.visitFieldInsn(Opcodes.GETSTATIC, name, semaphore(probe), "I");
        code.visitMethodInsn(Opcodes.INVOKEINTERFACE, Type.getInternalName(Semaphores.class), "isActive", "(I)Z", true);
    }

    private static void zero(MethodVisitor code, Type type) {
        switch (type.getSort()) {
            case Type.LONG -> code.visitInsn(Opcodes.LCONST_0);
            case Type.FLOAT -> code.visitInsn(Opcodes.FCONST_0);
            case Type.DOUBLE -> code.visitInsn(Opcodes.DCONST_0);
            case Type.OBJECT, Type.ARRAY -> code.visitInsn(Opcodes.ACONST_NULL);
            default -> code.visitInsn(Opcodes.ICONST_0);
        }
    }

    /**
     * The value in local {@code slot}, of {@code kind}, as its native's parameter on the stack; a
     * string in slot {@code string} of the {@link StringScratch.Lease} in local {@code values}. Returns
     * whether it took a string slot.
     */
    private static boolean convert(MethodVisitor code, ArgumentKind kind, int slot, int values, int string) {
        switch (kind) {
            case BOOLEAN, BYTE, SHORT, CHAR, INT, LONG -> {
                code.visitVarInsn(kind.helperType.getOpcode(Opcodes.ILOAD), slot);
                return false;
            }
            case BOXED_BOOLEAN, BOXED_BYTE, BOXED_SHORT, BOXED_CHARACTER, BOXED_INTEGER, BOXED_LONG -> {
                code.visitVarInsn(Opcodes.ALOAD, slot);
                Type primitive = Type.getType(FireNative.parameterType(kind.tracerType));
                code.visitMethodInsn(Opcodes.INVOKESTATIC, VALUES, "unbox",
                        Type.getMethodDescriptor(primitive, kind.helperType), false);
                return false;
            }
            case FLOAT, DOUBLE -> {
                code.visitVarInsn(Opcodes.ALOAD, values);
                code.visitLdcInsn(kind.helperType.getClassName());
                code.visitLdcInsn(string);
                code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LEASE, "string", "(Ljava/lang/String;I)J", false);
                return true;
            }
            case STRING, CHAR_SEQUENCE, ENUM -> {
                code.visitVarInsn(Opcodes.ALOAD, values);
                code.visitVarInsn(Opcodes.ALOAD, slot);
                code.visitLdcInsn(string);
                String method = switch (kind) {
                    case STRING -> "string";
                    case CHAR_SEQUENCE -> "charSequence";
                    case ENUM -> "enumName";
                    default -> throw new AssertionError(kind);
                };
                code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, LEASE, method,
                        Type.getMethodDescriptor(Type.LONG_TYPE, kind.helperType, Type.INT_TYPE), false);
                return true;
            }
            case CLASS_NAME -> {
                code.visitVarInsn(Opcodes.ALOAD, values);
                code.visitVarInsn(Opcodes.ALOAD, slot);
                code.visitLdcInsn(string);
                code.visitMethodInsn(Opcodes.INVOKESTATIC, VALUES, "className",
                        "(" + LEASE_DESCRIPTOR + "Ljava/lang/Object;I)J", false);
                return true;
            }
        }
        throw new AssertionError(kind);
    }
}
