package org.ddlm.plugin.fiji;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The keys of an ImageJ macro options string ({@code key=value key=[a value] flag}), so a command can tell which
 * fields a macro gave. Words inside a bracketed value (a path such as {@code [/data/overwrite me]}) are not keys.
 */
final class MacroOptions {
    private MacroOptions() {
    }

    static Set<String> keys(String options) {
        Set<String> keys = new LinkedHashSet<>();
        if (options == null) {
            return keys;
        }
        int i = 0;
        int n = options.length();
        while (i < n) {
            while (i < n && options.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && options.charAt(i) != ' ' && options.charAt(i) != '=') {
                i++;
            }
            if (i > start) {
                keys.add(options.substring(start, i));
            }
            if (i < n && options.charAt(i) == '=') {
                i++;
                if (i < n && options.charAt(i) == '[') {
                    int close = options.indexOf(']', i);
                    i = close < 0 ? n : close + 1;
                } else {
                    while (i < n && options.charAt(i) != ' ') {
                        i++;
                    }
                }
            }
        }
        return keys;
    }
}
