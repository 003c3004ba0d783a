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
 */
#ifndef USDT4J_H
#define USDT4J_H

#if defined(USDT4J_USDT_H) || defined(USDT4J_USE_USDT_H)

#  if defined(USDT4J_USDT_H)
#    include USDT4J_USDT_H
#  else
#    include <usdt.h>
#  endif
#  define USDT4J_BACKEND "usdt.h"
#  define USDT4J_SEMAPHORE_NAME(provider, probe) usdt4j__##provider##__##probe
#  define USDT4J_DEFINE_SEMAPHORE(provider, probe) \
     USDT_DEFINE_SEMA(USDT4J_SEMAPHORE_NAME(provider, probe))
/* USDT_SEMA pastes its argument unexpanded, so expand the name through this macro first. */
#  define USDT4J_SEMA(name) USDT_SEMA(name)
#  define USDT4J_SEMAPHORE_ADDRESS(provider, probe) \
     (&USDT4J_SEMA(USDT4J_SEMAPHORE_NAME(provider, probe)).active)
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
/* Hidden, so that two libraries defining the same provider never share a semaphore. */
#  define USDT4J_DEFINE_SEMAPHORE(provider, probe) \
     __attribute__((section(".probes"), visibility("hidden"), used)) \
     volatile unsigned short provider##_##probe##_semaphore = 0
#  define USDT4J_SEMAPHORE_ADDRESS(provider, probe) (&provider##_##probe##_semaphore)
#  define USDT4J_FIRE(provider, probe, ...) STAP_PROBEV(provider, probe, ##__VA_ARGS__)

#endif

#endif /* USDT4J_H */
