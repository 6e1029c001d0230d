/**
 * Shared documents: the REST shapes of `/api/v1/documents` and the Yjs-over-socket.io protocol
 * (see docs/architecture.md, "Shared documents").
 */

/** What a document is for: the deliverables of the labs, plus plain notes and minutes. */
export const DOCUMENT_KINDS = [
  'note',
  'quadro_logico',
  'piano_strategico',
  'proposta_progettuale',
  'budget',
  'analisi_organizzativa',
  'verbale',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Who owns a document, which decides who may read and write it: `member` (a private draft),
 * `space`, `lab`, `twinning`. A type is served only once its capability registers a policy:
 * any other type is refused with 422 `document_owner_type_unknown`.
 */
export type DocumentOwnerType = string;

export interface DocumentOwner {
  type: DocumentOwnerType;
  id: string;
}

export const DOCUMENT_LIMITS = {
  title: 200,
  /** Theme tags per document and characters per tag. */
  tags: 20,
  tag: 60,
  regions: 20,
  provinces: 40,
} as const;

/** A province by its two-letter abbreviation (sigla automobilistica), as organisations carry it: "NA". */
export const PROVINCE_CODE_PATTERN = /^[A-Z]{2}$/;

export interface DocumentView {
  id: string;
  title: string;
  kind: DocumentKind;
  owner: DocumentOwner;
  /** Theme tags, lower-case ("servizi ai cittadini", "cooperazione internazionale"). */
  tags: string[];
  /** Region names as the organisation directory spells them ("Campania"). */
  regions: string[];
  /** Province abbreviations ("NA"). */
  provinceCodes: string[];
  createdBy: string | null;
  createdAt: string;
  /** Last change of the metadata or of the content. */
  updatedAt: string;
}

/** Body of `POST /api/v1/documents`. */
export interface CreateDocumentInput {
  title: string;
  kind: DocumentKind;
  owner: DocumentOwner;
  tags?: string[];
  regions?: string[];
  provinceCodes?: string[];
}

/** Body of `PATCH /api/v1/documents/:id`: kind and owner never change. */
export interface UpdateDocumentInput {
  title?: string;
  tags?: string[];
  regions?: string[];
  provinceCodes?: string[];
}

/**
 * `GET /api/v1/documents`: the library, newest change first, filtered by
 * `owner=<type>:<id>`, `kind`, `tag`, `region`, `province`, `q` (Italian full text on the title).
 */
export interface DocumentLibraryQuery {
  owner?: string;
  kind?: DocumentKind;
  tag?: string;
  region?: string;
  province?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

// ---------------------------------------------------------------------------------------------
// Yjs over socket.io
// ---------------------------------------------------------------------------------------------

/** The Y.Doc's rich text: the XmlFragment TipTap's collaboration extension edits. */
export const DOCUMENT_CONTENT_FRAGMENT = 'content';

export const DOC_EVENTS = {
  join: 'doc:join',
  leave: 'doc:leave',
  /** `(docId, Uint8Array)`: a y-protocols sync message (step 1, step 2 or update), both ways. */
  sync: 'doc:sync',
  /** `(docId, Uint8Array)`: a y-protocols awareness update, both ways. */
  awareness: 'doc:awareness',
} as const;

export const DOC_LIMITS = {
  /**
   * Largest `doc:sync` payload a client may send. Below socket.io's own 1 MB frame limit, so a
   * larger message is answered with `invalid` instead of the connection being dropped.
   */
  syncBytes: 512 * 1024,
  /** Largest `doc:awareness` payload. */
  awarenessBytes: 64 * 1024,
  /** Largest JSON of one client's awareness state (name, colour, cursor: well under 1 KB in practice). */
  awarenessStateBytes: 8 * 1024,
  /** Deepest nesting of objects and arrays in an awareness state. */
  awarenessStateDepth: 16,
  /** Awareness client ids one connection may speak for in one document. */
  awarenessClientsPerConnection: 4,
  /** Documents one connection may have joined at once. */
  docsPerConnection: 16,
} as const;

/**
 * `forbidden`: no right (to read, on join; to write, on an update). `not_found`: no such document.
 * `invalid`: the payload is not what the protocol says (not binary, too large, malformed, not joined).
 * `unavailable`: the update could not be stored or the document loaded: nothing happened, retry.
 */
export type DocErrorCode = 'forbidden' | 'not_found' | 'invalid' | 'unavailable';
export interface DocError {
  code: DocErrorCode;
  message: string;
}
export type DocAccess = 'read' | 'write';

export interface DocJoinRequest {
  docId: string;
}
export type DocLeaveRequest = DocJoinRequest;

export type DocJoinAck = { ok: true; access: DocAccess } | { ok: false; error: DocError };
/** Answer to `doc:sync` and `doc:awareness` when the client passed a callback. */
export type DocAck = { ok: true } | { ok: false; error: DocError };

/** socket.io typing of the document events, client to server. */
export interface DocClientToServerEvents {
  'doc:join': (request: DocJoinRequest, ack: (answer: DocJoinAck) => void) => void;
  'doc:leave': (request: DocLeaveRequest, ack: (answer: DocAck) => void) => void;
  'doc:sync': (docId: string, message: Uint8Array, ack?: (answer: DocAck) => void) => void;
  'doc:awareness': (docId: string, message: Uint8Array, ack?: (answer: DocAck) => void) => void;
}

/** socket.io typing of the document events, server to client. */
export interface DocServerToClientEvents {
  'doc:sync': (docId: string, message: Uint8Array) => void;
  'doc:awareness': (docId: string, message: Uint8Array) => void;
  /**
   * The connection's rights on a joined document changed (e.g. the member left the space):
   * `read` — further updates are refused; `none` — the connection was removed from the document.
   */
  'doc:access': (docId: string, change: DocAccessChange) => void;
}

export type DocAccessChange = { access: DocAccess } | { access: 'none'; error: DocError };

// -------------------------------------------------------------------------------------------------
// Named versions and comments
// -------------------------------------------------------------------------------------------------

export const DOCUMENT_VERSION_LIMITS = { name: 200 } as const;
export const DOCUMENT_COMMENT_LIMITS = {
  body: 5000,
  /** Characters of one base64 `Y.encodeRelativePosition`. */
  anchor: 512,
} as const;

/** A named version: a full Yjs state of the document at one moment. */
export interface DocumentVersionView {
  id: string;
  documentId: string;
  name: string;
  /** null for automatic versions (e.g. a deliverable submitted) and deleted members. */
  authorId: string | null;
  automatic: boolean;
  createdAt: string;
}

/** `GET /documents/:id/versions/:versionId`: read-only content of the version. */
export interface DocumentVersionDetail extends DocumentVersionView {
  text: string;
  html: string;
  markdown: string;
}

export interface DocumentDiffChange {
  added?: boolean;
  removed?: boolean;
  value: string;
}

/** `GET /documents/:id/versions/compare?from=&to=` (`to` may be `current`). */
export interface DocumentVersionCompare {
  from: string;
  to: string;
  changes: DocumentDiffChange[];
}

/** Base64 of `Y.encodeRelativePosition` for each end of the commented range. */
export interface CommentAnchor {
  start: string;
  end: string;
}

export interface DocumentCommentView {
  id: string;
  documentId: string;
  /** Set on replies; replies carry no anchor of their own. */
  parentId: string | null;
  authorId: string | null;
  /** Plain text, never HTML. */
  body: string;
  anchor: CommentAnchor | null;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `comment.deleted` payload. */
export interface DocumentCommentDeleted {
  id: string;
  documentId: string;
  parentId: string | null;
}
