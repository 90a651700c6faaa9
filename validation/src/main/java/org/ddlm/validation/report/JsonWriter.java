package org.ddlm.validation.report;

import java.util.ArrayDeque;
import java.util.Deque;

/** A small streaming JSON writer with two-space indentation; non-finite numbers are written as null. */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    private final Deque<boolean[]> first = new ArrayDeque<>(); // per open container: no member written yet
    private boolean afterName;

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    JsonWriter name(String name) {
        prefix();
        quote(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        prefix();
        quote(s);
        return this;
    }

    JsonWriter value(double d) {
        return literal(Double.isFinite(d) ? Double.toString(d) : "null");
    }

    JsonWriter value(long n) {
        return literal(Long.toString(n));
    }

    JsonWriter value(boolean b) {
        return literal(Boolean.toString(b));
    }

    JsonWriter nullValue() {
        return literal("null");
    }

    JsonWriter field(String name, String s) {
        return name(name).value(s);
    }

    JsonWriter field(String name, double d) {
        return name(name).value(d);
    }

    JsonWriter field(String name, long n) {
        return name(name).value(n);
    }

    JsonWriter field(String name, boolean b) {
        return name(name).value(b);
    }

    @Override
    public String toString() {
        if (!first.isEmpty()) {
            throw new IllegalStateException("unclosed JSON container");
        }
        return out.append('\n').toString();
    }

    private void prefix() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (first.isEmpty()) {
            return;
        }
        boolean[] f = first.peek();
        if (!f[0]) {
            out.append(',');
        }
        f[0] = false;
        newline(first.size());
    }

    /** A number, boolean or null, written as it reads. */
    private JsonWriter literal(String text) {
        prefix();
        out.append(text);
        return this;
    }

    private JsonWriter open(char c) {
        prefix();
        out.append(c);
        first.push(new boolean[] {true});
        return this;
    }

    private JsonWriter close(char c) {
        boolean[] f = first.pop();
        if (!f[0]) {
            newline(first.size());
        }
        out.append(c);
        return this;
    }

    private void newline(int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
