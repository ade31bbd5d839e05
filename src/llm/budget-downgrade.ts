import type { Refusal } from '../budget/types';
import type { ModelEntry } from './catalogue';
import type { RouterPolicy } from './policy';
import type { RoutePlan } from './route-plan';
import type { DowngradeNote } from './types';

/**
 * The budget refusals of one call. Under `downgrade`, a candidate whose worst case does not fit
 * a cap gives way to the class's next cheaper candidate; candidates no cheaper than the refused
 * one are passed over. Once no cheaper candidate fits (or under `defer`, or for a named model)
 * the over-budget policy decides.
 */
export class BudgetDowngrade {
  private first?: { model: ModelEntry; refusal: Refusal };
  private ceilingMicros = Number.POSITIVE_INFINITY;
  private reservedSinceRefusal = false;

  constructor(readonly allowed: boolean) {}

  static for(plan: RoutePlan, policy: RouterPolicy): BudgetDowngrade {
    return new BudgetDowngrade(plan.taskClass !== 'explicit' && policy.onOverBudget[plan.taskClass] === 'downgrade');
  }

  /** After a refusal only a strictly cheaper worst case may be tried. */
  admits(worstCaseMicros: number): boolean {
    return worstCaseMicros < this.ceilingMicros;
  }

  refused(model: ModelEntry, worstCaseMicros: number, refusal: Refusal): void {
    this.first ??= { model, refusal };
    this.ceilingMicros = Math.min(this.ceilingMicros, worstCaseMicros);
  }

  reserved(): void {
    if (this.first) this.reservedSinceRefusal = true;
  }

  /** The refusal that ends the call: set when a cap refused and no cheaper candidate got a reservation. */
  get finalRefusal(): Refusal | undefined {
    return this.reservedSinceRefusal ? undefined : this.first?.refusal;
  }

  /** Present when an answer comes after a refusal, naming the model the plan preferred. */
  get note(): DowngradeNote | undefined {
    return this.first ? { downgradedFrom: this.first.model.id, reason: 'budget' } : undefined;
  }
}
