// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.description;

import io.usdt4j.contract.ResourceLayout;

/**
 * The probe description's JSON: {@link ResourceLayout#description} ({@code META-INF/usdt4j/<provider>.json}),
 * also carried in each library's {@link ResourceLayout#DESCRIPTION_SECTION} section. The processor
 * writes it; the Maven plugin reads it as its manifest (what to compile, what is stale); the
 * {@code usdt4j} command reads it from a running process's library to name a probe's arguments.
 * {@link DescriptionCodec} is its only reader and writer; its member names, version and bounds are
 * defined here.
 *
 * <pre>{@code
 * {"format": 3, "provider": "shop", "interface": "com.example.shop.ShopProbes",
 *  "class": "com.example.shop.ShopProbesUsdt", "source": "com/example/shop/ShopProbes.java",
 *  "library": "META-INF/usdt4j/native/{os}-{arch}/libusdt4j-shop.so", "maxStringBytes": 255,
 *  "probes": [{"name": "order_placed", "method": "orderPlaced", "arguments": [
 *      {"index": 0, "name": "orderId", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"}, ...]}]}
 * }</pre>
 *
 * {@code source} is the interface's source file relative to its source root, absent when the
 * compiler did not say; {@code usdtSize} is the size as the USDT note records it, negative when
 * signed; {@code tracerSees} is a {@link TracerType}'s {@linkplain TracerType#wireName() wire name}:
 * {@code bool}, {@code int8 ... int64}, {@code uint8 ... uint64} or {@code string} (a pointer to
 * NUL-terminated UTF-8, 0 for null). {@code jfrSettings}, present only for
 * {@code @UsdtProvider(jfr = true)}, is the provider's JFR settings file
 * ({@link ResourceLayout#jfrSettings}), after {@code maxStringBytes}.
 *
 * <p>A library that usdt4j's agent writes at run time describes instrumented methods: each of its
 * probes has, after {@code method} (the Java method's name), {@code javaClass} (the method's class,
 * by its binary name), {@code descriptor} (the method's descriptor) and {@code event}
 * ({@code entry} or {@code return}); an argument of a type that no provider takes has
 * {@code "passes": "className"} after {@code tracerSees}: the probe passes the name of its class, a
 * string, not its value. These members are optional in format 3: a generated provider's description
 * has none of them, and a reader that does not know them reads the rest.
 *
 * <pre>{@code
 * {"name": "Shop__placeOrder__1b2c3d4e__return", "method": "placeOrder", "javaClass": "com.example.Shop",
 *  "descriptor": "(JLjava/lang/String;I)J", "event": "return", "arguments": [
 *     {"index": 0, "name": "ns", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"},
 *     {"index": 1, "name": "threw", "javaType": "java.lang.Throwable", "usdtSize": 8, "tracerSees": "string", "passes": "className"},
 *     {"index": 2, "name": "value", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"}]}
 * }</pre>
 */
public final class DescriptionFormat {
    /** Format 2 added {@code source}; format 3 says {@code bool} of a {@code boolean} ({@code uint8} before). */
    public static final int VERSION = 3;
    /**
     * The oldest format a reader takes. Format 2 differs from 3 only in calling a boolean
     * {@code uint8}, which it is read as.
     */
    public static final int OLDEST_READABLE = 2;
    /** The first format that has {@link TracerType#BOOL}. */
    static final int BOOL_SINCE = 3;

    public static final String FORMAT = "format";
    public static final String PROVIDER = "provider";
    public static final String INTERFACE = "interface";
    public static final String CLASS = "class";
    public static final String SOURCE = "source";
    public static final String LIBRARY = "library";
    public static final String MAX_STRING_BYTES = "maxStringBytes";
    /** Present only with {@code jfr = true}: the .jfc the processor wrote. */
    public static final String JFR_SETTINGS = "jfrSettings";
    public static final String PROBES = "probes";
    public static final String NAME = "name";
    public static final String METHOD = "method";
    public static final String ARGUMENTS = "arguments";
    public static final String INDEX = "index";
    public static final String JAVA_TYPE = "javaType";
    public static final String USDT_SIZE = "usdtSize";
    public static final String TRACER_SEES = "tracerSees";
    /** An instrumented method's class ({@link InstrumentedMethod#className()}): agent libraries only. */
    public static final String JAVA_CLASS = "javaClass";
    /** An instrumented method's descriptor: agent libraries only. */
    public static final String DESCRIPTOR = "descriptor";
    /** When an instrumented method's probe fires ({@link InstrumentedMethod.Event#wireName()}): agent libraries only. */
    public static final String EVENT = "event";
    /** What a probe passes of an argument, when not its value: {@link #PASSES_CLASS_NAME}. */
    public static final String PASSES = "passes";
    /** {@link #PASSES}: the name of the argument's class ({@link ArgumentDescription.Passed#CLASS_NAME}). */
    public static final String PASSES_CLASS_NAME = "className";

    // The bounds of a provider (arguments, probes, maxStringBytes) are io.usdt4j.contract.Limits'.

    /** The longest description a reader takes, in bytes of UTF-8: the writer never writes a longer one. */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;
    /** The longest string (a name, a type, a path) a reader takes, in chars. */
    public static final int MAX_STRING_CHARS = 4096;
    /** The deepest nesting of arrays and objects a reader takes; a description itself is five deep. */
    public static final int MAX_DEPTH = 16;

    private DescriptionFormat() {}
}
