// The completion acceptance content (单位工程竣工验收报审表 B.0.10 + 竣工验收单) as one JSON object:
// what each signer sees, what a signature's SHA-256 covers, and what the PDFs print.
// Plain module: the task page, the templates and the API share it.

export interface CommissioningLine {
  designM3h: number;
  measuredM3h: number;
  /** (measured − design) / design in percent, one decimal, as printed ("−4.2"). */
  deviationPct: string;
  passed: boolean;
}

export interface AcceptanceContent {
  form: "B.0.10";
  title: "竣工验收单";
  /** Each request or revision starts a round; a signature belongs to one round. */
  round: number;
  project: { code: string; name: string; siteAddress: string };
  contract: { number: string; amountFen: number; signedOn: string } | null;
  parties: {
    /** Our company: the seller and the contractor towards the client. */
    contractor: string;
    installer: string;
    supervision: string;
    client: string;
    design: string;
  };
  pmName: string;
  statement: string;
  startedOn: string | null;
  completedOn: string | null;
  acceptance: { date: string; startTime: string; place: string };
  equipment: { name: string; model: string; quantity: number; location: string; serialNumbers: string[] }[];
  commissioning: {
    inspectedOn: string | null;
    foremanName: string;
    items: { name: string; ok: boolean; note: string }[];
    trialRun: { passed: boolean; hours: number; note: string };
    system: CommissioningLine | null;
    outlets: (CommissioningLine & { location: string })[];
    passed: boolean;
  } | null;
  /** The archive checklist, each item with the file supplied (its SHA-256 binds it to the signature). */
  documents: { kind: string; label: string; fileId: string | null; fileName: string | null; fileSha256: string | null }[];
  /** Defects found during construction and their rectification (监理通知单). */
  defects: { number: string; subject: string; status: string; deadlineOn: string | null; closedOn: string | null }[];
}

/** One party's signature (or rejection) on a round, with the trail the certificate's last page prints. */
export interface AcceptanceSigner {
  party: "supervisor" | "client" | "designer";
  decision: "approved" | "rejected";
  opinion: string;
  signerName: string;
  signerRole: string;
  organisation: string;
  signedAt: string;
  signatureFileId: string | null;
  typedSignature: string;
  sealFileId: string | null;
  contentSha256: string;
  ip: string;
  userAgent: string;
  /** When the link was sent and first opened (null for a signature without a link). */
  sentAt: string | null;
  openedAt: string | null;
  recipientEmail: string | null;
  voided: boolean;
}

export const ACCEPTANCE_PARTY_ORDER = ["supervisor", "client", "designer"] as const;
