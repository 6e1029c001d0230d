/** RFC 9457 problem details, the body of every error answer. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  /** `code` names the failed rule (class-validator's constraint name, e.g. `isEmail`, `isLength`). */
  errors?: { field: string; message: string; code?: string }[];
}
