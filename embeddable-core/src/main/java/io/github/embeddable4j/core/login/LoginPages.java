package io.github.embeddable4j.core.login;

import io.github.embeddable4j.core.login.LoginEndpoints.Page;
import io.github.embeddable4j.core.login.LoginMessagePage.Link;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The pages sign in once answers when nothing was connected, each saying why and where to go next: the words in one
 * place, the decisions in {@link LoginEndpoints}. {@code home} is the application's root, {@code back} the page the
 * sign-in started on, {@code tryAgain} a connect link coming back there.
 */
final class LoginPages {

    /** RingCentral's error texts are shown, shortened: they come from a URL anyone can write. */
    private static final int MAX_ERROR_TEXT = 200;

    private LoginPages() {
    }

    /** The connect path asked by nobody signed in. */
    static Page signInFirst(String home) {
        return page(403, "Sign in first", "Sign in to this application before connecting your RingCentral account.",
                List.of(backToApplication(home)));
    }

    /** The connect path asked with a {@code return} that is not a path here; {@code why} says what is wrong with it. */
    static Page badReturn(String home, String why) {
        return page(400, "Cannot connect RingCentral", why + ".", List.of(backToApplication(home)));
    }

    /** A callback whose sign-in this session does not hold (used, expired, no session, forged). */
    static Page usedOrExpired(String home, String startAgain) {
        return page(400, "This sign-in link was already used or has expired", "Connecting your RingCentral"
                + " account did not finish in this browser session, or this link was opened twice. Start again.",
                List.of(new Link(startAgain, "Start again"), backToApplication(home)));
    }

    /** A callback for a sign-in another instance started with other settings or another server key. */
    static Page notSetUpAlike(Link tryAgain, Link back) {
        return page(503, "RingCentral could not be connected", "This application's servers are not set up alike, so"
                + " the sign-in could not finish here. Try again; if this happens again, tell the application's"
                + " administrator.", List.of(tryAgain, back));
    }

    /** A callback after the application's user changed (or signed out) while RingCentral was asked. */
    static Page someoneElse(Link tryAgain, Link back) {
        return page(403, "Signed in as someone else", "The user signed in to this application changed (or signed"
                + " out) while RingCentral was asked; nothing was connected. Start again as the user you are now.",
                List.of(tryAgain, back));
    }

    /** The user declined RingCentral's consent. */
    static Page declined(Link tryAgain, Link back) {
        return page(403, "RingCentral was not connected", "You did not allow access to your RingCentral"
                + " account, so the phone is not signed in.", List.of(back, tryAgain));
    }

    /** RingCentral answered with an error other than a declined consent. */
    static Page ringCentralError(String error, @Nullable String description, Link tryAgain, Link back) {
        return page(400, "RingCentral could not sign you in", "RingCentral answered: " + shorten(error)
                + (description == null ? "" : " (" + shorten(description) + ")") + ".", List.of(back, tryAgain));
    }

    /** RingCentral's answer carried no code, or one that cannot be used. */
    static Page noCode(Link tryAgain, Link back) {
        return page(400, "RingCentral could not sign you in", "RingCentral's answer carried no usable"
                + " authorization code.", List.of(back, tryAgain));
    }

    /** The application's user lookup failed: nothing was started or used up, so the same request can be made again. */
    static Page tryLater(String home) {
        return page(503, "Try again in a moment", "This application could not tell who is signed in, so RingCentral"
                + " was not connected. Reload this page in a moment.", List.of(backToApplication(home)));
    }

    /** Sign in once's paths on a site that has none. */
    static Page notSetUpHere(String home) {
        return page(404, "RingCentral is not connected here", "This site does not sign in to RingCentral through the"
                + " application, so there is nothing to connect. Sign in to RingCentral in the phone itself, if this"
                + " site has one.", List.of(backToApplication(home)));
    }

    private static Link backToApplication(String home) {
        return new Link(home, "Back to the application");
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }

    private static Page page(int status, String title, String message, List<Link> links) {
        return new Page(status, LoginMessagePage.of(title, message, links));
    }
}
