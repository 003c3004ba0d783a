// SPDX-License-Identifier: Apache-2.0
/* Two probes over usdt4j.h, as a generated provider source declares and fires them: one with no
 * arguments, one with a signed byte, an unsigned short and a signed 64-bit value, so that each
 * argument's size and sign shows in the note. */
#include "usdt4j.h"

USDT4J_DEFINE_SEMAPHORE(usdt4j_test, no_args);
USDT4J_DEFINE_SEMAPHORE(usdt4j_test, three_args);

/* Exported, so the compiler keeps it and its probes under -fvisibility=hidden. */
__attribute__((visibility("default"))) void usdt4j_test_fire(signed char a, unsigned short b, long long c) {
    if (*USDT4J_SEMAPHORE_ADDRESS(usdt4j_test, no_args)) {
        USDT4J_FIRE(usdt4j_test, no_args);
    }
    if (*USDT4J_SEMAPHORE_ADDRESS(usdt4j_test, three_args)) {
        USDT4J_FIRE(usdt4j_test, three_args, a, b, c);
    }
}
