-- The trends the Environmental Scan reads, one row per indicator × scope: each WCO region
-- (scope_type 'region'), all Members together ('overall', scope_code 'ALL') and each Member
-- ('member'). Region and overall series are the aggregates of
-- int_statistics__aggregates_by_scope (the indicator's rule, country Members of the year);
-- Member series are the current values of fct_customs_statistics (US dollars for currency
-- indicators). For the scope's latest year: 3- and 5-year compound annual growth, the latest
-- year-on-year change, the reporting coverage then and five years before; for Members, a
-- robust z-score of the latest change against the Member's own earlier changes and against the
-- changes of the region's Members that year (median and median absolute deviation: one
-- outlier cannot hide another), and the largest movers per indicator.
{%- set z_threshold = var('environmental_scan_z_threshold', 3.5) %}
{%- set top_movers = var('environmental_scan_top_movers', 5) %}
{#- figures rounded to their precision, so a rebuild gives the same bytes -#}
{%- set numeric = dbt.type_numeric() %}
{%- set double = type_double() %}
{#- the growth exponents in double precision: Spark would take 1.0 / 3 as a short decimal -#}
{%- set one = 'cast(1 as ' ~ double ~ ')' %}

with

aggregates as (

    select * from {{ ref('int_statistics__aggregates_by_scope') }}

),

facts as (

    select * from {{ ref('fct_customs_statistics') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

series as (

    select

        aggregates.scope_type,
        aggregates.scope_code,
        aggregates.indicator_code,
        aggregates.statistics_year,
        aggregates.aggregate_value as series_value,
        aggregates.members_reporting,
        case
            when aggregates.scope_type = 'region' then aggregates.scope_code
        end as region_code

    from aggregates

    union all

    select

        'member' as scope_type,
        facts.member_code as scope_code,
        facts.indicator_code,
        facts.statistics_year,
        case
            when indicators.unit = 'currency' then facts.value_usd
            else facts.indicator_value
        end as series_value,
        1 as members_reporting,
        facts.region_code

    from facts
    inner join indicators
        on facts.indicator_code = indicators.indicator_code

),

valued as (

    select * from series
    where series_value is not null

),

changes as (

    select

        valued.scope_type,
        valued.scope_code,
        valued.indicator_code,
        valued.statistics_year,
        valued.region_code,
        case
            when previous.series_value <> 0
                then
                    100.0 * (valued.series_value - previous.series_value)
                    / abs(previous.series_value)
        end as change_pct

    from valued
    inner join valued as previous
        on
            valued.scope_type = previous.scope_type
            and valued.scope_code = previous.scope_code
            and valued.indicator_code = previous.indicator_code
            and valued.statistics_year = previous.statistics_year + 1

),

latest as (

    select

        scope_type,
        scope_code,
        indicator_code,
        max(statistics_year) as latest_year

    from valued
    group by scope_type, scope_code, indicator_code

),

at_years as (

    select

        latest.scope_type,
        latest.scope_code,
        latest.indicator_code,
        latest.latest_year,
        now_value.region_code,
        now_value.series_value as latest_value,
        now_value.members_reporting as members_reporting_latest,
        year_1.series_value as value_1y_before,
        year_3.series_value as value_3y_before,
        year_5.series_value as value_5y_before,
        coalesce(year_5.members_reporting, 0) as members_reporting_5y_before

    from latest
    inner join valued as now_value
        on
            latest.scope_type = now_value.scope_type
            and latest.scope_code = now_value.scope_code
            and latest.indicator_code = now_value.indicator_code
            and latest.latest_year = now_value.statistics_year
    left join valued as year_1
        on
            latest.scope_type = year_1.scope_type
            and latest.scope_code = year_1.scope_code
            and latest.indicator_code = year_1.indicator_code
            and latest.latest_year - 1 = year_1.statistics_year
    left join valued as year_3
        on
            latest.scope_type = year_3.scope_type
            and latest.scope_code = year_3.scope_code
            and latest.indicator_code = year_3.indicator_code
            and latest.latest_year - 3 = year_3.statistics_year
    left join valued as year_5
        on
            latest.scope_type = year_5.scope_type
            and latest.scope_code = year_5.scope_code
            and latest.indicator_code = year_5.indicator_code
            and latest.latest_year - 5 = year_5.statistics_year

),

-- a Member's earlier changes (before its latest year): their median, then the median of the
-- absolute deviations from it
history as (

    select

        changes.scope_code,
        changes.indicator_code,
        count(*) as earlier_changes,
        {{ median('changes.change_pct') }} as history_median

    from changes
    inner join latest
        on
            changes.scope_type = latest.scope_type
            and changes.scope_code = latest.scope_code
            and changes.indicator_code = latest.indicator_code
    where
        changes.scope_type = 'member'
        and changes.statistics_year < latest.latest_year
        and changes.change_pct is not null
    group by changes.scope_code, changes.indicator_code

),

history_spread as (

    select

        history.scope_code,
        history.indicator_code,
        history.earlier_changes,
        history.history_median,
        {{ median('abs(changes.change_pct - history.history_median)') }} as history_mad

    from history
    inner join latest
        on
            latest.scope_type = 'member'
            and history.scope_code = latest.scope_code
            and history.indicator_code = latest.indicator_code
    inner join changes
        on
            changes.scope_type = 'member'
            and history.scope_code = changes.scope_code
            and history.indicator_code = changes.indicator_code
            and latest.latest_year > changes.statistics_year
            and changes.change_pct is not null
    group by
        history.scope_code,
        history.indicator_code,
        history.earlier_changes,
        history.history_median

),

-- the changes of the region's Members in the same year
region_peers as (

    select

        region_code,
        indicator_code,
        statistics_year,
        count(*) as peer_changes,
        {{ median('change_pct') }} as region_median

    from changes
    where scope_type = 'member' and change_pct is not null and region_code is not null
    group by region_code, indicator_code, statistics_year

),

region_spread as (

    select

        region_peers.region_code,
        region_peers.indicator_code,
        region_peers.statistics_year,
        region_peers.peer_changes,
        region_peers.region_median,
        {{ median('abs(changes.change_pct - region_peers.region_median)') }} as region_mad

    from region_peers
    inner join changes
        on
            changes.scope_type = 'member'
            and region_peers.region_code = changes.region_code
            and region_peers.indicator_code = changes.indicator_code
            and region_peers.statistics_year = changes.statistics_year
            and changes.change_pct is not null
    group by
        region_peers.region_code,
        region_peers.indicator_code,
        region_peers.statistics_year,
        region_peers.peer_changes,
        region_peers.region_median

),

measured as (

    select

        at_years.*,
        history_spread.earlier_changes,
        history_spread.history_median,
        history_spread.history_mad,
        region_spread.peer_changes,
        region_spread.region_median,
        region_spread.region_mad,
        case
            when at_years.value_1y_before <> 0
                then
                    100.0 * (at_years.latest_value - at_years.value_1y_before)
                    / abs(at_years.value_1y_before)
        end as yoy_change_pct,
        case
            when at_years.latest_value > 0 and at_years.value_3y_before > 0
                then
                    100.0 * (
                        power(at_years.latest_value / at_years.value_3y_before, {{ one }} / 3) - 1
                    )
        end as cagr_3y_pct,
        case
            when at_years.latest_value > 0 and at_years.value_5y_before > 0
                then
                    100.0 * (
                        power(at_years.latest_value / at_years.value_5y_before, {{ one }} / 5) - 1
                    )
        end as cagr_5y_pct

    from at_years
    left join history_spread
        on
            at_years.scope_type = 'member'
            and at_years.scope_code = history_spread.scope_code
            and at_years.indicator_code = history_spread.indicator_code
    left join region_spread
        on
            at_years.scope_type = 'member'
            and at_years.region_code = region_spread.region_code
            and at_years.indicator_code = region_spread.indicator_code
            and at_years.latest_year = region_spread.statistics_year

),

scored as (

    select

        measured.*,
        -- 0.6745 makes the MAD comparable to a standard deviation for normal data
        case
            when measured.earlier_changes >= 4 and measured.history_mad > 0
                then
                    0.6745 * (measured.yoy_change_pct - measured.history_median)
                    / measured.history_mad
        end as history_z,
        case
            when measured.peer_changes >= 4 and measured.region_mad > 0
                then
                    0.6745 * (measured.yoy_change_pct - measured.region_median)
                    / measured.region_mad
        end as region_z

    from measured

),

ranked as (

    select

        scored.*,
        case
            when scored.scope_type = 'member' and scored.yoy_change_pct is not null
                then
                    row_number() over (
                        partition by
                            scored.scope_type,
                            scored.indicator_code,
                            scored.latest_year,
                            case when scored.yoy_change_pct is null then 0 else 1 end
                        order by abs(scored.yoy_change_pct) desc, scored.scope_code asc
                    )
        end as mover_rank

    from scored

),

final as (

    select

        ---------- ids
        cast(
            {{ dbt.concat([
                'ranked.indicator_code',
                "'|'",
                'ranked.scope_type',
                "'|'",
                'ranked.scope_code',
            ]) }} as {{ dbt.type_string() }}
        ) as environmental_scan_key,
        cast(ranked.indicator_code as {{ dbt.type_string() }}) as indicator_code,
        cast(ranked.scope_type as {{ dbt.type_string() }}) as scope_type,
        cast(ranked.scope_code as {{ dbt.type_string() }}) as scope_code,
        cast(ranked.region_code as {{ dbt.type_string() }}) as region_code,
        cast(indicators.source_type as {{ dbt.type_string() }}) as source_type,
        cast(indicators.confidentiality as {{ dbt.type_string() }}) as confidentiality,

        ---------- levels and growth
        cast(ranked.latest_year as {{ dbt.type_bigint() }}) as latest_year,
        cast(
            round(cast(ranked.latest_value as {{ numeric }}), 6) as {{ double }}
        ) as latest_value,
        cast(
            round(cast(ranked.value_3y_before as {{ numeric }}), 6) as {{ double }}
        ) as value_3y_before,
        cast(
            round(cast(ranked.value_5y_before as {{ numeric }}), 6) as {{ double }}
        ) as value_5y_before,
        cast(
            round(cast(ranked.cagr_3y_pct as {{ numeric }}), 4) as {{ double }}
        ) as cagr_3y_pct,
        cast(
            round(cast(ranked.cagr_5y_pct as {{ numeric }}), 4) as {{ double }}
        ) as cagr_5y_pct,
        cast(
            round(cast(ranked.yoy_change_pct as {{ numeric }}), 4) as {{ double }}
        ) as yoy_change_pct,

        ---------- coverage
        cast(ranked.members_reporting_latest as {{ dbt.type_bigint() }})
            as members_reporting_latest,
        cast(ranked.members_reporting_5y_before as {{ dbt.type_bigint() }})
            as members_reporting_5y_before,
        cast(
            ranked.members_reporting_latest - ranked.members_reporting_5y_before
            as {{ dbt.type_bigint() }}
        ) as coverage_change_5y,

        ---------- breaks and movers (Member rows)
        cast(
            round(cast(ranked.history_z as {{ numeric }}), 4) as {{ double }}
        ) as history_z_score,
        cast(
            round(cast(ranked.region_z as {{ numeric }}), 4) as {{ double }}
        ) as region_z_score,
        cast(
            coalesce(abs(ranked.history_z) > {{ z_threshold }}, false)
            as {{ dbt.type_boolean() }}
        ) as is_history_break,
        cast(
            coalesce(abs(ranked.region_z) > {{ z_threshold }}, false)
            as {{ dbt.type_boolean() }}
        ) as is_region_break,
        cast(ranked.mover_rank as {{ dbt.type_bigint() }}) as mover_rank,
        cast(
            coalesce(ranked.mover_rank <= {{ top_movers }}, false)
            as {{ dbt.type_boolean() }}
        ) as is_top_mover

    from ranked
    inner join indicators
        on ranked.indicator_code = indicators.indicator_code

)

select * from final
