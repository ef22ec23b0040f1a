package io.drrunbooks.notify;

/** A way to reach a contact: {@code webhook} or {@code email}. Throws when the message did not get through. */
interface Channel {

    String name();

    void send(Message message, String target) throws Exception;

    /** What one contact is told about one level of one notification. */
    record Message(String notificationId, String issueType, int level, String contact, String subject, String text) {
    }
}
