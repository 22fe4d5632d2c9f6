/**
 * The widget's third-party service (CRM) protocol, framework-free: the provider interfaces an application implements
 * ({@link io.github.embeddable4j.core.crm.ContactProvider}, {@link io.github.embeddable4j.core.crm.CallLogger}, ...),
 * the request and answer models, and {@link io.github.embeddable4j.core.crm.ThirdPartyService}, which registers the
 * service with the widget and answers its call-outs within the widget's deadlines, with error answers the widget
 * handles gracefully. {@link io.github.embeddable4j.core.crm.PhoneNumberIndex} matches the numbers the widget sends
 * (E.164) to the numbers a CRM stores, in any format.
 *
 * <pre>{@code
 * ThirdPartyService crm = ThirdPartyService.builder("acme").displayName("Acme CRM").contacts(myContacts).build();
 * }</pre>
 *
 * <p>The records of what arrives with a call-out ({@code *Request}, {@link io.github.embeddable4j.core.crm.CallRecord},
 * {@link io.github.embeddable4j.core.crm.Conversation}, {@link io.github.embeddable4j.core.crm.Caller}) and the
 * service's own values ({@link io.github.embeddable4j.core.crm.ServiceAnswer}, {@code Stats}) grow as the widget does:
 * a later minor version may add components. Read them by their accessors; their canonical constructors and record
 * patterns listing every component are not stable API. What a provider builds ({@code Contact}, {@code ContactPhone},
 * {@code ContactPage}, {@code Activity}, {@code LogEntity}, ...) keeps its constructors and factories.
 */
@NullMarked
package io.github.embeddable4j.core.crm;

import org.jspecify.annotations.NullMarked;
