/**
 * Signing users in to the widget from the server ("sign in once"): the authorization-code handoff. The server
 * sends the browser to RingCentral's authorize page with its own state and an S256 PKCE challenge
 * ({@link io.github.embeddable4j.core.login.LoginAuthorization}), catches the code at the widget's redirect URI
 * without exchanging it, and renders the widget once with the code, the verifier and the user's
 * {@code externalAuthId} ({@link io.github.embeddable4j.core.login.LoginHandoff},
 * {@link io.github.embeddable4j.core.Embeddable#scriptTagWithLoginHandoff}); the widget exchanges the code itself.
 * Nothing here keeps state: adapters hold the pending sign-in and the handoff in the user's session.
 */
@NullMarked
package io.github.embeddable4j.core.login;

import org.jspecify.annotations.NullMarked;
