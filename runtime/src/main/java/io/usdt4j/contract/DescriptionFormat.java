// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.contract;

/**
 * The probe description, {@link ResourceLayout#description} ({@code META-INF/usdt4j/<provider>.json}),
 * also carried in each library's {@link ResourceLayout#DESCRIPTION_SECTION} section. The processor
 * writes it; the Maven plugin reads it as its manifest (what to compile, what is stale); tools
 * read it to name a probe's arguments. Its JSON member names are defined here.
 *
 * <pre>{@code
 * {"format": 2, "provider": "shop", "interface": "com.example.shop.ShopProbes",
 *  "class": "com.example.shop.ShopProbesUsdt", "source": "com/example/shop/ShopProbes.java",
 *  "library": "META-INF/usdt4j/native/{os}-{arch}/libusdt4j-shop.so", "maxStringBytes": 255,
 *  "probes": [{"name": "order_placed", "method": "orderPlaced", "arguments": [
 *      {"index": 0, "name": "orderId", "javaType": "long", "usdtSize": -8, "tracerSees": "int64"}, ...]}]}
 * }</pre>
 *
 * {@code source} is the interface's source file relative to its source root, absent when the
 * compiler did not say; {@code usdtSize} is the size as the USDT note records it, negative when
 * signed; {@code tracerSees} is {@code int8 ... int64}, {@code uint8}, {@code uint16} or
 * {@code string} (a pointer to NUL-terminated UTF-8, 0 for null). {@code jfrSettings}, present
 * only for {@code @UsdtProvider(jfr = true)}, is the provider's JFR settings file
 * ({@link ResourceLayout#jfrSettings}), after {@code maxStringBytes}.
 */
public final class DescriptionFormat {
    /** Format 2 added {@code source}. */
    public static final int VERSION = 2;

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

    private DescriptionFormat() {}
}
