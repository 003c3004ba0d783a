// SPDX-License-Identifier: Apache-2.0
/*
 * usdt4j.h: one set of probe macros for generated provider libraries, over either backend:
 *
 *   - libbpf's usdt.h, when the build defines USDT4J_USDT_H as the header to include
 *     (-DUSDT4J_USDT_H='"/path/usdt.h"') or defines USDT4J_USE_USDT_H to take <usdt.h> from the
 *     include path;
 *   - otherwise systemtap's <sys/sdt.h> (Debian/Ubuntu systemtap-sdt-dev, Fedora
 *     systemtap-sdt-devel).
 *
 * Both write the same .note.stapsdt notes, and both give each probe an unsigned short semaphore
 * in the .probes section that the kernel increments while a tracer is attached. The Java side
 * reads those semaphores, so the macros below also give their addresses.
 *
 *   USDT4J_DEFINE_SEMAPHORE(provider, probe)   defines the probe's semaphore (hidden symbol)
 *   USDT4J_SEMAPHORE_ADDRESS(provider, probe)  its address, as volatile unsigned short *
 *   USDT4J_FIRE(provider, probe, args...)      fires the probe with 0 to 12 arguments
 *   USDT4J_BACKEND                             "usdt.h" or "sys/sdt.h", for diagnostics
 *
 * The probe instruction, on x86-64. A tracer attaches where the probe's note points, so the
 * instruction there decides what a traced fire costs. USDT4J_NOP_SIZE selects it for the probes
 * expanded after it is (re)defined, so one file can hold both kinds:
 *
 *   1 (default)  the one-byte nop every USDT header writes. A tracer's int3 replaces it; the
 *                kernel emulates the nop. A fire traps, and on return to user space the CPU's
 *                return predictions are lost: a function that fires a probe and returns (a JNI
 *                native always does) pays about half as much again as the trap itself.
 *   5            a five-byte nop (0f 1f 44 00 00). Linux 6.18 and later rewrite a traced nop5,
 *                on its first hit, into a call to the kernel's uprobe trampoline: a syscall
 *                instead of a trap, with return predictions intact. Older kernels emulate it
 *                (6.16, 6.17) or single-step it (6.15 and earlier: far slower), so the Java side
 *                only uses these sites on 6.18+. That call pushes a return address below the
 *                stack pointer, into the red zone: code holding nop5 sites must be compiled with
 *                -mno-red-zone and say so with -DUSDT4J_NO_RED_ZONE (usdt4j's Maven plugin passes
 *                both). USDT4J_HAS_NOP5 is 1 when nop5 sites can be built.
 */
#ifndef USDT4J_H
#define USDT4J_H

#if defined(__x86_64__) && defined(USDT4J_NO_RED_ZONE)
#  define USDT4J_HAS_NOP5 1
#else
#  define USDT4J_HAS_NOP5 0
#endif
#ifndef USDT4J_NOP_SIZE
#  define USDT4J_NOP_SIZE 1
#endif
#define USDT4J_NOP_1 nop
/* Spelled as bytes, since an assembler may encode "nopl 0(%rax,%rax,1)" in four; separated by
 * semicolons, since sys/sdt.h stringifies the instruction through a one-argument macro. */
#define USDT4J_NOP_5 .byte 0x0f; .byte 0x1f; .byte 0x44; .byte 0x00; .byte 0x00
#define USDT4J_NOP USDT4J_NOP_OF(USDT4J_NOP_SIZE)
#define USDT4J_NOP_OF(size) USDT4J_NOP_OF_(size)
#define USDT4J_NOP_OF_(size) USDT4J_NOP_##size

#if defined(USDT4J_USDT_H) || defined(USDT4J_USE_USDT_H)

/* usdt.h takes the instruction from USDT_NOP when it is defined before the header. */
#  if defined(__x86_64__)
#    define USDT_NOP USDT4J_NOP
#  endif
#  if defined(USDT4J_USDT_H)
#    include USDT4J_USDT_H
#  else
#    include <usdt.h>
#  endif
#  define USDT4J_BACKEND "usdt.h"
#  define USDT4J_SEMAPHORE_NAME(provider, probe) usdt4j__##provider##__##probe
#  define USDT4J_DEFINE_SEMAPHORE(provider, probe) \
     USDT_DEFINE_SEMA(USDT4J_SEMAPHORE_NAME(provider, probe))
/* USDT_SEMA pastes its argument, so the name is built one macro level up, where it expands. */
#  define USDT4J_SEMAPHORE_ADDRESS(provider, probe) \
     USDT4J_SEMAPHORE_ACTIVE(USDT4J_SEMAPHORE_NAME(provider, probe))
#  define USDT4J_SEMAPHORE_ACTIVE(sema) (&USDT_SEMA(sema).active)
#  define USDT4J_FIRE(provider, probe, ...) \
     USDT_WITH_EXPLICIT_SEMA(USDT4J_SEMAPHORE_NAME(provider, probe), provider, probe, ##__VA_ARGS__)

#else

/* sys/sdt.h names the semaphore <provider>_<probe>_semaphore and references it from the note
 * only when _SDT_HAS_SEMAPHORES is set; STAP_PROBEV takes a variable argument count only with
 * SDT_USE_VARIADIC. */
#  define _SDT_HAS_SEMAPHORES 1
#  define SDT_USE_VARIADIC 1
#  include <sys/sdt.h>
#  define USDT4J_BACKEND "sys/sdt.h"
/* sys/sdt.h defines its instruction unconditionally, and expands it where a probe is used. */
#  if defined(__x86_64__)
#    undef _SDT_NOP
#    define _SDT_NOP USDT4J_NOP
#  endif
/* Hidden, so that two libraries defining the same provider never share a semaphore. */
#  define USDT4J_DEFINE_SEMAPHORE(provider, probe) \
     __attribute__((section(".probes"), visibility("hidden"), used)) \
     volatile unsigned short provider##_##probe##_semaphore = 0
#  define USDT4J_SEMAPHORE_ADDRESS(provider, probe) (&provider##_##probe##_semaphore)
#  define USDT4J_FIRE(provider, probe, ...) STAP_PROBEV(provider, probe, ##__VA_ARGS__)

#endif

#if USDT4J_NOP_SIZE == 5 && !USDT4J_HAS_NOP5
#  error "nop5 probe sites need x86-64 and -mno-red-zone -DUSDT4J_NO_RED_ZONE (see USDT4J_NOP_SIZE above)"
#endif

#endif /* USDT4J_H */
