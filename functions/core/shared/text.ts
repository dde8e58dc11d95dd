/** A text shown to people: Indonesian first (citizens read it), English beside it (agencies, visitors). */
export interface LocalizedText {
  readonly id: string;
  readonly en: string;
}

export const text = (id: string, en: string): LocalizedText => ({ id, en });
