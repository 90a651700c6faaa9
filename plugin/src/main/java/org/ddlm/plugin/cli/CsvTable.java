package org.ddlm.plugin.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ddlm.plugin.workflow.UserException;

/** A CSV file with a header row (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes). */
final class CsvTable {
    private final List<String> header;
    private final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    static CsvTable parse(String text) throws UserException {
        List<List<String>> records = records(text);
        if (records.isEmpty()) {
            throw new UserException("the CSV file is empty (no header row)");
        }
        return new CsvTable(records.get(0), records.subList(1, records.size()));
    }

    int size() {
        return rows.size();
    }

    /** The value of {@code column} in row {@code i}; "" where the row is short. */
    String get(int i, String column) throws UserException {
        int c = header.indexOf(column);
        if (c < 0) {
            throw new UserException("the CSV file has no column '" + column + "' (columns: "
                    + String.join(", ", header) + ")");
        }
        List<String> row = rows.get(i);
        return c < row.size() ? row.get(c) : "";
    }

    Map<String, String> row(int i) {
        Map<String, String> m = new HashMap<>();
        for (int c = 0; c < header.size() && c < rows.get(i).size(); c++) {
            m.put(header.get(c), rows.get(i).get(c));
        }
        return m;
    }

    private static List<List<String>> records(String text) throws UserException {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    out.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(ch);
                any = true;
            }
        }
        if (quoted) {
            throw new UserException("the CSV file ends inside a quoted field");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }
}
