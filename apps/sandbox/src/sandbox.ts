// The sandbox: ThreatQ, iZoologic and Slack fakes on real loopback HTTP, an SMTP sink, scripted ThreatQ activity,
// and the inbox page that shows what the Slack fake and the sink received.
import {
  type ActivityStep,
  createIZoologicActivity,
  createIZoologicFake,
  createSlackFake,
  createThreatQFake,
  IZOOLOGIC_CREDENTIALS,
  IZOOLOGIC_GENERATED_CASES,
  IZOOLOGIC_GUIDE_CASES,
  type IZoologicActivityStep,
  type IZoologicCredentials,
  type IZoologicFake,
  type IZoologicFakeOptions,
  type ServedFake,
  type SlackFake,
  type SlackFakeOptions,
  serve,
  type ThreatQCredentials,
  type ThreatQFake,
  type ThreatQFakeOptions,
} from '@tqalert/fixtures';
import { type SmtpSink, startSmtpSink } from '@tqalert/testkit';
import { type ActivityTimer, startActivityTimer } from './activity-timer.js';
import { type InboxServer, startInbox } from './inbox/inbox-server.js';
import type { InboxSources } from './inbox/inbox-snapshot.js';
import type { InboxSlackUser } from './inbox/slack-user.js';
import { SANDBOX_SLACK_USER, slackUserSource, slackUsersSource } from './slack-user-source.js';

/** Which stand-in listens on which port; 0 or left out means a free port chosen by the system. */
export interface SandboxPorts {
  threatq?: number;
  izoologic?: number;
  slack?: number;
  smtp?: number;
  inbox?: number;
}

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /**
   * Seconds between scripted ThreatQ activity steps (a watched object changes, every data collection gets a new
   * or updated match). `false` or 0 turns it off, for tests that call `activity.step()` themselves. Default 5.
   */
  activityEverySeconds?: number | false;
  /** Fixed ports. Default: free ports. Everything binds 127.0.0.1 only. */
  ports?: SandboxPorts;
  /** Options for the ThreatQ fake (its base URL is the sandbox's). */
  threatq?: Omit<ThreatQFakeOptions, 'baseUrl'>;
  /** Options for the Slack fake (its base URL is the sandbox's). */
  slack?: Omit<SlackFakeOptions, 'baseUrl'>;
  /**
   * Options for the iZoologic fake (its base URL is the sandbox's). By default it holds its generated cases and
   * the operation guide's example cases (`CASE123456`, `INC123456`, client codes `ABC` and `CLIENT001`), and lists
   * each case's type, client code and review state.
   */
  izoologic?: Omit<IZoologicFakeOptions, 'baseUrl'>;
  /**
   * Seconds between scripted iZoologic activity steps (a new case appears, or the newest one changes status).
   * Default: three times `activityEverySeconds`, and off when that is off. `false` or 0 turns it off.
   */
  izoologicActivityEverySeconds?: number | false;
  /**
   * The Slack user the inbox page acts as when someone clicks a button or submits a modal (a user id of the Slack
   * stand-in's workspace). Default `U0ZACH00001` (`zach`).
   */
  slackUser?: string;
  /** Called after every scripted activity step, with what changed. */
  onActivity?: (step: ActivityStep) => void;
  /** Called when a scripted step throws; the timer goes on. Default: ignored. */
  onActivityError?: (error: unknown) => void;
}

/** A running sandbox. Always {@link Sandbox.stop} it. */
export interface Sandbox {
  threatq: { url: string; fake: ThreatQFake; credentials: ThreatQCredentials };
  izoologic: {
    url: string;
    fake: IZoologicFake;
    credentials: IZoologicCredentials;
    /** Scripted iZoologic activity: `step()` adds a case or moves the newest one's status now. */
    activity: { step(): IZoologicActivityStep; readonly everyMs: number | undefined };
  };
  /**
   * `url` is the server's origin; `apiUrl` is what `@slack/web-api`'s `slackApiUrl` takes; `appToken` is the
   * app-level token for Socket Mode (`apps.connections.open`); `user` is who the inbox acts as.
   */
  slack: {
    url: string;
    apiUrl: string;
    token: string;
    appToken: string;
    fake: SlackFake;
    user: { id: string; name: string };
  };
  smtp: { host: string; port: number; sink: SmtpSink };
  inbox: { url: string };
  /**
   * Scripted ThreatQ activity: `step()` makes one round of changes now, whether or not the timer runs; `stop()`
   * ends the timer (the stand-ins keep serving).
   */
  activity: { step(): ActivityStep; stop(): void; readonly everyMs: number | undefined };
  /** Stops the activity and every server; safe to call twice. */
  stop(): Promise<void>;
}

const PORT_NAMES = ['threatq', 'izoologic', 'slack', 'smtp', 'inbox'] as const;

function checkOptions(options: SandboxOptions): void {
  for (const name of PORT_NAMES) {
    const port = options.ports?.[name];
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
      throw new RangeError(
        `startSandbox: ports.${name} must be a whole number from 0 to 65535 (0 = any free port), got ${String(port)}`,
      );
    }
  }
  for (const name of ['activityEverySeconds', 'izoologicActivityEverySeconds'] as const) {
    const every = options[name];
    if (
      every !== undefined &&
      every !== false &&
      !(typeof every === 'number' && every >= 0 && Number.isFinite(every))
    ) {
      throw new RangeError(
        `startSandbox: ${name} must be a number of seconds above 0, or false to turn activity off; got ${String(every)}`,
      );
    }
  }
}

/**
 * What the inbox reads: the Slack fake's accepted messages, the SMTP sink's received mail, and the iZoologic
 * fake's cases and request log.
 */
function inboxSources(
  slack: SlackFake,
  sink: SmtpSink,
  izoologic: IZoologicFake,
  slackUser: InboxSlackUser,
): InboxSources {
  return {
    slackUser,
    slackUsers: slackUsersSource(slack),
    slackMessages: () => slack.state.messages,
    emails: () => sink.messages,
    izoologic: {
      cases: () => izoologic.state.cases.values(),
      requests: () => izoologic.requests,
    },
    channelLabel(id) {
      const channel = slack.state.findChannel(id);
      if (!channel) return undefined;
      if (!channel.isIm) return `#${channel.name}`;
      const user = channel.user ? slack.state.findUser(channel.user) : undefined;
      return `@${user?.name ?? channel.name} (direct message)`;
    },
    userName: (id) => slack.state.findUser(id)?.name,
    channelName: (id) => {
      const channel = slack.state.findChannel(id);
      return channel && !channel.isIm ? channel.name : undefined;
    },
  };
}

/**
 * Starts every stand-in on 127.0.0.1 and the inbox page. Resolves once all of them listen.
 *
 * @example
 * const sandbox = await startSandbox({ activityEverySeconds: false });
 * sandbox.activity.step(); // a watched object changes, each data collection gets a match
 * console.log(sandbox.inbox.url);
 * await sandbox.stop();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  checkOptions(options);
  const ports = options.ports ?? {};
  const closers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    const pending = closers.splice(0).reverse();
    const results = await Promise.allSettled(pending.map((close) => close()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    const threatq: ServedFake<ThreatQFake> = await serve(
      (baseUrl) => createThreatQFake({ ...options.threatq, baseUrl }),
      {
        port: ports.threatq ?? 0,
      },
    );
    closers.push(() => threatq.close());
    const izoologic: ServedFake<IZoologicFake> = await serve(
      (baseUrl) =>
        createIZoologicFake({
          cases: [...IZOOLOGIC_GENERATED_CASES, ...IZOOLOGIC_GUIDE_CASES],
          listCaseDetails: true,
          ...options.izoologic,
          baseUrl,
        }),
      { port: ports.izoologic ?? 0 },
    );
    closers.push(() => izoologic.close());
    const slack: ServedFake<SlackFake> = await serve(
      (baseUrl) => createSlackFake({ ...options.slack, baseUrl: `${baseUrl}/api/` }),
      {
        port: ports.slack ?? 0,
      },
    );
    closers.push(() => slack.close());
    const slackUser = slackUserSource(slack.fake, options.slackUser ?? SANDBOX_SLACK_USER);
    const sink = await startSmtpSink({ port: ports.smtp ?? 0 });
    closers.push(() => sink.close());
    const inbox: InboxServer = await startInbox({
      port: ports.inbox ?? 0,
      sources: inboxSources(slack.fake, sink, izoologic.fake, slackUser),
      links: [
        { label: 'ThreatQ', value: threatq.url },
        { label: 'iZoologic', value: izoologic.url },
        { label: 'Slack API', value: slack.fake.baseUrl },
        { label: 'SMTP', value: `${sink.host}:${sink.port}` },
      ],
    });
    closers.push(() => inbox.close());

    const every = options.activityEverySeconds ?? 5;
    let timer: ActivityTimer | undefined;
    if (every !== false && every > 0) {
      timer = startActivityTimer(() => threatq.fake.activity.step(), {
        everyMs: every * 1000,
        ...(options.onActivity ? { onStep: options.onActivity } : {}),
        ...(options.onActivityError ? { onError: options.onActivityError } : {}),
      });
      closers.push(async () => timer?.stop());
    }

    const izoologicActivity = createIZoologicActivity(izoologic.fake);
    const izoologicEvery =
      options.izoologicActivityEverySeconds ?? (every !== false && every > 0 ? every * 3 : false);
    let izoologicTimer: ActivityTimer | undefined;
    if (izoologicEvery !== false && izoologicEvery > 0) {
      izoologicTimer = startActivityTimer(() => izoologicActivity.step(), {
        everyMs: izoologicEvery * 1000,
        ...(options.onActivityError ? { onError: options.onActivityError } : {}),
      });
      closers.push(async () => izoologicTimer?.stop());
    }

    let stopped: Promise<void> | undefined;
    return {
      threatq: { url: threatq.url, fake: threatq.fake, credentials: threatq.fake.credentials },
      izoologic: {
        url: izoologic.url,
        fake: izoologic.fake,
        credentials: { ...IZOOLOGIC_CREDENTIALS, ...options.izoologic?.credentials },
        activity: { step: () => izoologicActivity.step(), everyMs: izoologicTimer?.everyMs },
      },
      slack: {
        url: slack.url,
        apiUrl: slack.fake.baseUrl,
        token: slack.fake.token,
        appToken: slack.fake.appToken,
        fake: slack.fake,
        user: { id: slackUser.id, name: slackUser.name },
      },
      smtp: { host: sink.host, port: sink.port, sink },
      inbox: { url: inbox.url },
      activity: {
        step: () => threatq.fake.activity.step(),
        stop: () => timer?.stop(),
        everyMs: timer?.everyMs,
      },
      stop: () => {
        stopped ??= stopAll();
        return stopped;
      },
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
