"""Foresight: will the KPIs meet their annual targets, and will the deliverables be on time?

Plain Python (no Dagster import) so the methods can be unit-tested in milliseconds and called by
whichever orchestrator wires them. The package reads the marts, never writes to them: the
outlook tables it returns are written to the `foresight` schema and read by dbt as sources.

Modules:
    settings     the declared constants (seed, sample size, interval level, precision)
    levels       level KPIs: naive, drift, exponential smoothing (statsmodels)
    cumulative   cumulative KPIs: the year to date plus the quarters still to come
    target       probability of meeting a target, projected RAG, rounding
    backtest     rolling-origin backtests (MASE against naive, interval coverage)
    markov       deliverable slippage: a Markov chain by status and quarters left
    early_warning  the office's list of KPIs and deliverables to look at now
    warehouse    reads the marts from DuckDB and returns the outlook tables
"""
