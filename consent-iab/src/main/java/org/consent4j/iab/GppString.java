package org.consent4j.iab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Global Privacy Platform string (IAB Tech Lab, GPP v1): a header listing the section ids, then the
 * sections, joined by {@code ~}, e.g. {@code DBABzw~1YNN~BVVVkkkklWA.YA}.
 *
 * <p>{@code usnat}, the US state sections listed by {@link UsState}, {@code uspv1} and {@code tcfeuv2}
 * decode to typed sections; the others (and a state section of a version other than 1) are kept as they
 * came ({@link OtherSection}) and survive a round trip.
 *
 * @param sections the sections, in ascending id order, at most one per id
 */
public record GppString(List<GppSection> sections) {

    /** Longer strings are refused before decoding: no real GPP string comes near. */
    public static final int MAX_LENGTH = 65_536;

    /** Copies the sections and checks that their ids increase. */
    public GppString {
        sections = List.copyOf(sections);
        for (int i = 1; i < sections.size(); i++) {
            if (sections.get(i).id() <= sections.get(i - 1).id()) {
                throw new IabFormatException("header.SectionIds", "sections must be in ascending id order, each once;"
                        + " found " + sections.get(i - 1).id() + " before " + sections.get(i).id());
            }
        }
    }

    /** A GPP string of these sections, sorted by id. */
    public static GppString of(GppSection... sections) {
        List<GppSection> list = new ArrayList<>(List.of(sections));
        list.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return new GppString(list);
    }

    /** The section with this id, if present. */
    public Optional<GppSection> section(int id) {
        return sections.stream().filter(s -> s.id() == id).findFirst();
    }

    /** The {@code usnat} section, if present. */
    public Optional<UsNat> usNat() {
        return section(UsNat.ID).map(UsNat.class::cast);
    }

    /** The section of this US state, if present and of a version this library decodes. */
    public Optional<UsStateSection> usState(UsState state) {
        return section(state.id()).filter(UsStateSection.class::isInstance).map(UsStateSection.class::cast);
    }

    /** The {@code uspv1} section's US Privacy string, if present. */
    public Optional<UsPrivacy> uspV1() {
        return section(UspV1Section.ID).map(s -> ((UspV1Section) s).value());
    }

    /** The {@code tcfeuv2} section's TC string, if present. */
    public Optional<TcString> tcfEuV2() {
        return section(TcfEuV2Section.ID).map(s -> ((TcfEuV2Section) s).value());
    }

    /** The ids of the sections, as the header lists them. */
    public List<Integer> sectionIds() {
        return sections.stream().map(GppSection::id).toList();
    }

    /** The string: header, then each section, joined by {@code ~}. */
    public String encode() {
        StringBuilder out = new StringBuilder(header());
        sections.forEach(s -> out.append('~').append(s.encode()));
        return out.toString();
    }

    private String header() {
        BitWriter w = new BitWriter().integer("header.Type", 3, 6).integer("header.Version", 1, 6);
        // Range(Fibonacci): the number of entries, then each entry as a single id or a run of consecutive ids,
        // each value coded as its distance from the previous one.
        List<int[]> runs = new ArrayList<>();
        for (GppSection s : sections) {
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] + 1 == s.id()) {
                last[1] = s.id();
            } else {
                runs.add(new int[] {s.id(), s.id()});
            }
        }
        w.integer("header.SectionIds", runs.size(), 12);
        int previous = 0;
        for (int[] run : runs) {
            boolean range = run[0] != run[1];
            w.bool(range).fibonacci("header.SectionIds", run[0] - previous);
            if (range) {
                w.fibonacci("header.SectionIds", run[1] - run[0]);
            }
            previous = run[1];
        }
        return w.base64(6);
    }

    /**
     * Decodes a GPP string.
     *
     * @throws IabFormatException naming the header field or section that is wrong; nothing else, whatever
     *                            the input
     */
    public static GppString parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IabFormatException("gpp", "the string has " + text.length() + " characters, more than "
                    + MAX_LENGTH);
        }
        String[] parts = text.split("~", -1);
        BitReader h = BitReader.of(parts[0], "header");
        int type = h.small("Type", 6);
        if (type != 3) {
            throw new IabFormatException("header.Type", "type " + type + " is not a GPP header (3)"
                    + (text.startsWith("C") ? "; this looks like a bare TC string: use TcString.parse" : ""));
        }
        int version = h.small("Version", 6);
        if (version != 1) {
            throw new IabFormatException("header.Version", "version " + version + " is not supported; only 1");
        }
        int entries = h.small("SectionIds", 12);
        List<Integer> ids = new ArrayList<>();
        int previous = 0;
        for (int e = 0; e < entries; e++) {
            boolean range = h.bool("SectionIds");
            int start = add(previous, h.fibonacci("SectionIds"));
            int end = range ? add(start, h.fibonacci("SectionIds")) : start;
            if (end - start > 64) {
                throw new IabFormatException("header.SectionIds", "a run of " + (end - start + 1) + " sections is not plausible");
            }
            for (int id = start; id <= end; id++) {
                ids.add(id);
            }
            previous = end;
        }
        if (ids.size() != parts.length - 1) {
            throw new IabFormatException("header.SectionIds", "the header lists " + ids.size()
                    + " sections but the string has " + (parts.length - 1));
        }
        List<GppSection> sections = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            sections.add(section(ids.get(i), parts[i + 1]));
        }
        return new GppString(sections);
    }

    private static int add(int a, int b) {
        long sum = (long) a + b;
        if (sum > 1_000) {
            throw new IabFormatException("header.SectionIds", "section id " + sum + " is not plausible");
        }
        return (int) sum;
    }

    private static GppSection section(int id, String text) {
        return switch (id) {
            case TcfEuV2Section.ID -> new TcfEuV2Section(TcString.parse(text));
            case UspV1Section.ID -> new UspV1Section(UsPrivacy.parse(text));
            case UsNat.ID -> UsNat.decode(text);
            // A state section of a later version than this library knows is carried as it came.
            default -> UsState.byId(id).filter(s -> text.startsWith("B") || text.isEmpty())
                    .<GppSection>map(s -> UsStateSection.decode(s, text)).orElseGet(() -> new OtherSection(id, text));
        };
    }

    @Override
    public String toString() {
        return encode();
    }
}
