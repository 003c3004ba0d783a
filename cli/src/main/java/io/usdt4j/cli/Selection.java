// SPDX-License-Identifier: Apache-2.0
package io.usdt4j.cli;

import io.usdt4j.agent.control.MethodSelector;
import io.usdt4j.description.ProbeDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The probes of a process that {@code PROVIDER} or {@code PROVIDER:PROBE} selectors, {@code *} wildcards allowed, pick. */
final class Selection {
    /** One selected probe, in one library (one provider may be mapped twice, by two class loaders). */
    record Match(ProcessScanner.Library library, ProbeDescription probe) {
        String provider() {
            return library.provider();
        }
    }

    private Selection() {}

    static List<Match> select(ProcessScanner.Target target, List<String> selectors) throws CliException {
        List<Match> matches = new ArrayList<>();
        for (String selector : selectors) {
            int colon = selector.indexOf(':');
            Pattern provider = glob(colon < 0 ? selector : selector.substring(0, colon));
            Pattern probe = glob(colon < 0 ? "*" : selector.substring(colon + 1));
            boolean found = false;
            for (ProcessScanner.Library library : target.libraries()) {
                for (ProbeDescription p : library.probes()) {
                    if (provider.matcher(library.provider()).matches() && probe.matcher(p.name()).matches()) {
                        found = true;
                        Match match = new Match(library, p);
                        if (!matches.contains(match)) {
                            matches.add(match);
                        }
                    }
                }
            }
            if (!found) {
                throw new CliException("selector '" + selector + "' matches no probe of process " + target.pid()
                        + "; it has " + target.libraries().stream().flatMap(l -> l.probes().stream()
                                .map(p -> l.provider() + ":" + p.name()))
                                .distinct().collect(Collectors.joining(", ")));
            }
        }
        return matches;
    }

    /**
     * The probes of the instrumented methods in {@code target} that {@code selector} picks, both
     * of each method, in the order the maps and descriptions list them.
     */
    static List<Match> methods(ProcessScanner.Target target, MethodSelector selector) {
        List<Match> matches = new ArrayList<>();
        for (ProcessScanner.Library library : target.libraries()) {
            for (ProbeDescription p : library.probes()) {
                if (p.instrumented().isPresent() && selector.matches(p.instrumented().get().className(), p.method())) {
                    matches.add(new Match(library, p));
                }
            }
        }
        return matches;
    }

    private static Pattern glob(String glob) {
        return Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
