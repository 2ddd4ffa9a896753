/**
 * Nothing a store keeps or writes out names the author of an anonymous question (issue 19.11).
 * Both stores call these on every write of a question (an ask, an import) and every dump,
 * so a caller, an older build's dump or an older build's data cannot put a name back.
 */

/** The author name a question may be stored with: none when it was asked anonymously. */
export function storedAuthorName(question: { anonymous: boolean; authorName?: string | undefined }): string | undefined {
  return question.anonymous ? undefined : question.authorName;
}

/**
 * The author key a dump gives a question. An anonymous question's own key (`p:<participantId>`)
 * would name its author through the dump's participants, quiz scores and named questions
 * (which share that key), so it gets a stand-in made from the question's own id: the same in
 * every export, and linking it to no one. The price: after an import, its asker no longer
 * counts as its author (cannot edit or delete it, and sees it only once it is approved).
 */
export function dumpedAuthorKey(question: { id: string; anonymous: boolean; authorKey: string }): string {
  return question.anonymous ? `anonymous:${question.id}` : question.authorKey;
}
