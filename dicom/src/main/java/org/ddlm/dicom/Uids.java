package org.ddlm.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** New UIDs as 2.25.&lt;UUID as unsigned decimal&gt; (PS3.5 B.2): we have no registered root. */
public final class Uids {
    /** Generated once for ddlm and committed; identifies our implementation in File Meta Information. */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.199794478071302308714213910790868841106";

    private Uids() {
    }

    public static String newUid() {
        UUID u = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                .array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
