package org.consent4j.core.decision;

/**
 * Privacy signals the visitor's browser sent with the request.
 *
 * <p>Today only Global Privacy Control ({@code Sec-GPC: 1}); IAB TCF and GPP strings can join later.
 *
 * @param gpc whether a valid Global Privacy Control signal was present
 */
public record Signals(boolean gpc) {

    /** No signal. */
    public static final Signals NONE = new Signals(false);
    /** Global Privacy Control on. */
    public static final Signals GPC = new Signals(true);

    /** The shared instance for this GPC value. */
    public static Signals of(boolean gpc) {
        return gpc ? GPC : NONE;
    }
}
