/**
 * The ThreatQ object an action runs on: which object (`events:42`), and the case id and case type its
 * attributes carry. An object stands for ONE case: an attribute value listing several is refused, so ThreatQ data
 * never decides how many cases an action reaches (issue 11.3).
 */
import { IZoologicInputError } from '@tqalert/izoologic-client';
import type { ThreatQObject } from '@tqalert/threatq-client';

/** The collections the operation runs on (the guide: Incident, Event; and Identities), with their aliases. */
const COLLECTIONS: Record<string, string> = {
  events: 'events',
  event: 'events',
  identity: 'identity',
  identities: 'identity',
  incidents: 'incidents',
  incident: 'incidents',
};

/** A ThreatQ object, by collection and id. */
export interface ObjectRef {
  collection: string;
  id: number;
}

/** `events:42`, or `{ collection, id }`, checked and with the collection's API name. */
export function parseObjectRef(ref: ObjectRef | string, action: string): ObjectRef {
  const text = typeof ref === 'string' ? ref.trim() : `${ref.collection}:${ref.id}`;
  const match = /^([a-z_]+):(\d+)$/i.exec(text);
  const collection = match ? COLLECTIONS[(match[1] as string).toLowerCase()] : undefined;
  if (!match || collection === undefined) {
    throw new IZoologicInputError(action, [
      {
        field: 'object',
        message: match
          ? `the iZoologic operation runs on events, identities and incidents, not "${match[1]}"`
          : `a ThreatQ object is <collection>:<id>, e.g. events:123 or identity:7 (got "${text}")`,
      },
    ]);
  }
  return { collection, id: Number(match[2]) };
}

/** The object key used in audit entries and messages: `events:42`. */
export function objectKeyOf(ref: ObjectRef): string {
  return `${ref.collection}:${ref.id}`;
}

/** What an object says about its case. */
export interface ObjectCase {
  caseId: string | undefined;
  caseType: string | undefined;
}

/** The newest value of an attribute (names compared without case), when recorded several times. */
function newest(object: ThreatQObject, name: string): string | undefined {
  const value = object.attributes.filter((a) => a.name.toLowerCase() === name.toLowerCase()).at(-1)?.value;
  const text = value === undefined ? undefined : String(value).trim();
  return text === '' ? undefined : text;
}

/**
 * Reads the case id and case type from the object's attributes. A case id attribute naming several cases
 * (`INC1,INC2`) is refused: the object stands for one case; several need an explicit list of case ids.
 */
export function readObjectCase(
  object: ThreatQObject,
  ref: ObjectRef,
  names: { caseAttribute: string; caseTypeAttribute: string },
  action: string,
): ObjectCase {
  const caseId = newest(object, names.caseAttribute);
  if (caseId !== undefined && /[,;\s]/.test(caseId)) {
    throw new IZoologicInputError(action, [
      {
        field: 'object',
        message:
          `${objectKeyOf(ref)}'s "${names.caseAttribute}" is "${caseId}", which names several cases, but a ThreatQ object stands for one case: ` +
          'nothing was sent. Fix the attribute, or name the cases explicitly (CLI: --case A --case B).',
      },
    ]);
  }
  return { caseId, caseType: newest(object, names.caseTypeAttribute) };
}
