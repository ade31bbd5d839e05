import type { Config } from '../config/config';
import { MICROS_PER_UNIT } from './money';

export interface BudgetSettings {
  currency: string;
  /** Units of the owner's currency per USD; prices are USD, caps may be set in EUR. */
  currencyPerUsd: number;
  defaultDailyCapMicros: number;
  defaultMonthlyCapMicros: number;
  p1DailyMicros: number;
  leaseTtlMs: number;
}

/** Converts an amount in the owner's currency to USD micros at the configured rate. */
export const toUsdMicros = (amount: number, currencyPerUsd: number) =>
  Math.floor((amount / currencyPerUsd) * MICROS_PER_UNIT);

export function budgetSettings(config: Config): BudgetSettings {
  const { currency, currencyPerUsd, dailyCap, monthlyCap, p1DailySpend, leaseTtlSeconds } = config.budget;
  return {
    currency,
    currencyPerUsd,
    defaultDailyCapMicros: toUsdMicros(dailyCap, currencyPerUsd),
    defaultMonthlyCapMicros: toUsdMicros(monthlyCap, currencyPerUsd),
    p1DailyMicros: toUsdMicros(p1DailySpend, currencyPerUsd),
    leaseTtlMs: leaseTtlSeconds * 1_000,
  };
}
