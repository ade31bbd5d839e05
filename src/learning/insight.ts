import type { InsightArea, InsightFigures } from '../db/learning-schema';

/** One pattern with the figures behind it, written as the sentence its nugget and the prompts carry. */
export interface Insight {
  area: InsightArea;
  dimension: string;
  key: string;
  figures: InsightFigures;
  text: string;
}
