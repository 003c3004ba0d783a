// SPDX-License-Identifier: Apache-2.0
/**
 * A consumer as users write one: it requires usdt4j and nothing else, and exports and opens
 * nothing. NamedModuleTest compiles it with the usdt4j processor, with and without this file.
 */
module com.example.modshop {
    requires io.usdt4j;
}
