// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.processor;

import io.usdt4j.contract.GeneratedNames;
import io.usdt4j.contract.ResourceLayout;
import io.usdt4j.contract.UsdtNames;
import java.text.MessageFormat;

/**
 * Every diagnostic the processor reports, each with a stable identifier that tests and users can
 * search for. Each message says what is wrong and what to do.
 */
enum Message {
    NOT_AN_INTERFACE("not-an-interface",
            "@UsdtProvider must annotate an interface, but {0} is {1}; declare the probes as an interface"),
    INACCESSIBLE_INTERFACE("inaccessible-interface",
            "@UsdtProvider interface {0} is {1}, but the generated class {2} must implement it from outside; "
                    + "make it (and every type it is nested in) at least package-private, and not local"),
    GENERATED_CLASS_EXISTS("generated-class-exists",
            "usdt4j generates {0} for @UsdtProvider interface {1}, but this compilation already declares {0}; "
                    + "rename that class or the interface"),
    GENERIC_INTERFACE("generic-interface",
            "@UsdtProvider interface {0} must not have type parameters; probe argument types must be known at compile time"),
    INVALID_PROVIDER_NAME("invalid-provider-name",
            "Provider name \"{0}\" is not a C identifier of at most {1} characters (letters, digits and _, not starting with a digit, "
                    + "not reserved: " + UsdtNames.reservedNames() + "); tracers use it in usdt:*:<provider>:<probe>. "
                    + "Set a valid name with @UsdtProvider(\"name\")"),
    DUPLICATE_PROVIDER_NAME("duplicate-provider-name",
            "Provider name \"{0}\" is already used by {1} in this compilation; both would build " + ResourceLayout.libraryFileName("{0}") + ". "
                    + "Give one of them another name with @UsdtProvider(\"name\")"),
    INVALID_MAX_STRING_BYTES("invalid-max-string-bytes",
            "maxStringBytes = {0} is outside {1}..{2}: each string argument is copied into a stack buffer of that size "
                    + "while a tracer is attached; choose a limit in that range"),
    INVALID_PROBE_NAME("invalid-probe-name",
            "Probe name \"{0}\" of {2} is not a C identifier of at most {1} characters (letters, digits and _, not starting with a digit, "
                    + "not reserved: " + UsdtNames.reservedNames() + "); set a valid name with @Probe(\"name\")"),
    DUPLICATE_PROBE_NAME("duplicate-probe-name",
            "Probe name \"{0}\" of {1} is already used by {2}; give one of them another name with @Probe(\"name\")"),
    NO_PROBES("no-probes",
            "@UsdtProvider interface {0} declares no probe methods; add a void method for each probe"),
    GENERIC_METHOD("generic-method",
            "Probe method {0} must not have type parameters; probe argument types must be known at compile time"),
    THROWS_EXCEPTIONS("throws-exceptions",
            "Probe method {0} must not declare thrown exceptions; a probe never throws"),
    OVERRIDES_OBJECT_METHOD("overrides-object-method",
            "Probe method {0} would make the generated class override Object.{1}(); rename the method "
                    + "(and keep the probe name with @Probe if you like)"),
    DOLLAR_IN_METHOD_NAME("dollar-in-method-name",
            "Method {0} has a $ in its name; usdt4j names the members it adds to the generated class with $ "
                    + "(" + GeneratedNames.describeMembers(ArgumentTypes.conversionNames()) + "), so rename the method and, for a probe, "
                    + "name the probe with @Probe"),
    NOT_A_PROBE_OR_QUERY("not-a-probe-or-query",
            "Method {0} returns {1}: a probe method returns void, and the only other abstract methods allowed are "
                    + "is-enabled queries, boolean is<ProbeMethod>Enabled() with no parameters"),
    QUERY_WITHOUT_PROBE("query-without-probe",
            "Is-enabled query {0} is named after probe method {1}, which this interface does not declare; "
                    + "rename the query to is<ProbeMethod>Enabled after one of its probe methods, or remove it"),
    FLOATING_POINT_PARAMETER("floating-point-parameter",
            "Parameter {0} of probe method {1} has type {2}: USDT arguments are integers and tracers cannot read floating point; "
                    + "pass a scaled long instead (for example microseconds rather than seconds)"),
    UNSUPPORTED_PARAMETER_TYPE("unsupported-parameter-type",
            "Parameter {0} of probe method {1} has type {2}, which a probe cannot pass to a tracer; use "
                    + ArgumentTypes.describe()),
    TOO_MANY_ARGUMENTS("too-many-arguments",
            "Probe method {0} has {1} parameters, but a USDT probe carries at most {2} arguments; "
                    + "split it into two probes or drop parameter {3}"),
    JFR_MODULE_NOT_READ("jfr-module-not-read",
            "@UsdtProvider(jfr = true) on {0} makes a JFR event of each probe, but {1}; add \"requires static jdk.jfr;\" "
                    + "to module-info.java (the application still runs on a Java runtime without JFR), or remove jfr = true"),
    JFR_RESERVED_FIELD_NAME("jfr-reserved-field-name",
            "Parameter {0} of probe method {1} would be a field of its JFR event, but JFR events use the name {0} for "
                    + "their own ({2}); rename the parameter"),
    INVALID_PLATFORMS("invalid-platforms",
            "Processor option -A{0}={1} is wrong: {2}; so usdt4j writes no library for {3}. Name platforms of "
                    + io.usdt4j.contract.Platform.describeAll() + ", separated by commas, or "
                    + io.usdt4j.contract.PlatformId.ALL + " (every one; without the option, "
                    + io.usdt4j.contract.Platform.describe(io.usdt4j.contract.Platform.defaults()) + ")"),
    PROCESSOR_FAILED("processor-failed",
            "usdt4j failed while processing {0}: {1}; please report this with the interface that caused it{2}");

    final String id;
    private final String format;

    Message(String id, String format) {
        this.id = id;
        this.format = format;
    }

    /** {@code [usdt4j:no-probes] @UsdtProvider interface Foo declares no probe methods; ...} */
    String format(Object... arguments) {
        MessageFormat messageFormat = new MessageFormat(format.replace("'", "''"));
        return "[usdt4j:" + id + "] " + messageFormat.format(arguments);
    }
}
