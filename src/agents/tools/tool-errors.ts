/**
 * A tool call refused by its rules (an address not allowed, a body too large, a limit reached):
 * the model is told why, the audit records `refused`, and the loop goes on.
 */
export class ToolRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolRefusal';
  }
}
