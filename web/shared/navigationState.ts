// Router state one screen hands to another (features do not import each other, so the shape lives here).

/** Set by the import screen when it navigates to the score tree after storing a table. */
export interface ImportedState {
  imported: { stored: number; total: number };
}

export function readImportedState(state: unknown): ImportedState['imported'] | null {
  const imported = (state as Partial<ImportedState> | null)?.imported;
  return imported && typeof imported.stored === 'number' && typeof imported.total === 'number' ? imported : null;
}

/** Set by the fieldwork dashboard when it sends a supervisor to the review page to upload an exported outbox file. */
export interface OpenOutboxState {
  openOutbox: true;
}

export function readOpenOutboxState(state: unknown): boolean {
  return (state as Partial<OpenOutboxState> | null)?.openOutbox === true;
}
