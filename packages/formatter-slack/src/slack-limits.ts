/**
 * Slack's published Block Kit limits (docs.slack.dev, "Block Kit reference"), plus the practical budget of
 * about 12,000 characters of block text per message above which Slack answers `msg_blocks_too_long`.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonUrl: 3000,
  /** Sum of the text of every text object in one message's blocks. */
  blockTextPerMessage: 12_000,
  /** Top-level fallback `text`. Slack truncates above 40,000; 4,000 keeps notifications readable. */
  fallbackText: 4000,
} as const;
