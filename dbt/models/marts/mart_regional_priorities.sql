-- Progress of each WCO region's priorities (register regional_priorities) in every reporting
-- period of the priority's plan cycle: its linked deliverables by status
-- (fct_deliverable_status), the KPIs of its linked objectives by RAG (mart_kpi_scorecard), and
-- the region's statistics coverage for the latest statistics year available at the period
-- (mart_statistics_completeness).

with

priorities as (

    select * from {{ ref('stg_reference__regional_priorities') }}

),

links as (

    select * from {{ ref('int_regional_priorities__links') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

implementation_plans as (

    select * from {{ ref('stg_reference__implementation_plans') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

deliverable_status as (

    select * from {{ ref('fct_deliverable_status') }}

),

kpis as (

    -- the register (one row per KPI), not dim_kpi, whose grain may become versioned
    select * from {{ ref('stg_reference__kpis') }}

),

scorecard as (

    select * from {{ ref('mart_kpi_scorecard') }}

),

completeness as (

    select * from {{ ref('mart_statistics_completeness') }}

),

priority_periods as (

    select

        priorities.priority_code,
        priorities.region_code,
        calendar.period_code,
        calendar.ip_year,
        calendar.quarter,
        -- the statistics of a calendar year are complete at the earliest the year after
        cast(extract(year from calendar.end_date) as {{ dbt.type_bigint() }}) - 1
            as latest_statistics_year

    from priorities
    inner join implementation_plans
        on priorities.plan_cycle = implementation_plans.plan_cycle
    inner join calendar
        on implementation_plans.ip_year = calendar.ip_year

),

deliverable_progress as (

    select

        links.priority_code,
        deliverable_status.period_code,
        count(*) as deliverable_count,
        {% for status in [
            'not_started', 'on_track', 'at_risk', 'delayed', 'completed', 'cancelled',
            'not_reported',
        ] -%}
            sum(
                case when deliverable_status.status = '{{ status }}' then 1 else 0 end
            ) as deliverables_{{ status }},
        {% endfor -%}
        sum(case when deliverable_status.is_on_time then 1 else 0 end)
            as deliverables_on_time

    from links
    inner join deliverable_status
        on links.linked_code = deliverable_status.deliverable_code
    where links.link_type = 'deliverable'
    group by links.priority_code, deliverable_status.period_code

),

kpi_progress as (

    select

        links.priority_code,
        scorecard.period_code,
        {% for rag in ['green', 'amber', 'red', 'grey'] -%}
            sum(case when scorecard.rag_status = '{{ rag }}' then 1 else 0 end)
                as kpis_{{ rag }},
        {% endfor -%}
        count(*) as kpi_count

    from links
    inner join kpis
        on links.linked_code = kpis.objective_code
    inner join scorecard
        on kpis.kpi_code = scorecard.kpi_code
    where links.link_type = 'objective'
    group by links.priority_code, scorecard.period_code

),

statistics_years as (

    select distinct statistics_year
    from completeness

),

period_statistics_years as (

    select

        priority_periods.priority_code,
        priority_periods.period_code,
        max(statistics_years.statistics_year) as statistics_year

    from priority_periods
    inner join statistics_years
        on priority_periods.latest_statistics_year >= statistics_years.statistics_year
    group by priority_periods.priority_code, priority_periods.period_code

),

regional_coverage as (

    select

        region_code,
        statistics_year,
        count(*) as members_eligible,
        sum(case when indicators_reported > 0 then 1 else 0 end) as members_reporting,
        sum(indicators_reported) as indicators_reported,
        sum(indicators_expected) as indicators_expected

    from completeness
    where is_country
    group by region_code, statistics_year

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat([
                'priority_periods.priority_code', "'|'", 'priority_periods.period_code',
            ]) }}
            as {{ dbt.type_string() }}
        ) as regional_priority_key,
        cast(priority_periods.priority_code as {{ dbt.type_string() }}) as priority_code,
        cast(priority_periods.period_code as {{ dbt.type_string() }}) as period_code,
        cast(priority_periods.ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(priority_periods.quarter as {{ dbt.type_bigint() }}) as quarter,

        ---------- the region and its priority
        cast(priority_periods.region_code as {{ dbt.type_string() }}) as region_code,
        cast(regions.name_en as {{ dbt.type_string() }}) as region_name_en,
        cast(regions.name_fr as {{ dbt.type_string() }}) as region_name_fr,
        cast(priorities.priority_rank as {{ dbt.type_bigint() }}) as priority_rank,
        cast(priorities.name_en as {{ dbt.type_string() }}) as priority_name_en,
        cast(priorities.name_fr as {{ dbt.type_string() }}) as priority_name_fr,
        cast(priorities.objective_codes as {{ dbt.type_string() }}) as objective_codes,
        cast(priorities.deliverable_codes as {{ dbt.type_string() }}) as deliverable_codes,

        ---------- linked deliverables
        cast(
            coalesce(deliverable_progress.deliverable_count, 0) as {{ dbt.type_bigint() }}
        ) as deliverable_count,
        {% for status in [
            'not_started', 'on_track', 'at_risk', 'delayed', 'completed', 'cancelled',
            'not_reported', 'on_time',
        ] -%}
            cast(
                coalesce(deliverable_progress.deliverables_{{ status }}, 0)
                as {{ dbt.type_bigint() }}
            ) as deliverables_{{ status }},
        {% endfor -%}
        cast(
            100.0 * deliverable_progress.deliverables_completed
            / nullif(
                deliverable_progress.deliverable_count
                - deliverable_progress.deliverables_cancelled,
                0
            )
            as {{ type_double() }}
        ) as pct_completed,

        ---------- KPIs of the linked objectives
        cast(coalesce(kpi_progress.kpi_count, 0) as {{ dbt.type_bigint() }}) as kpi_count,
        {% for rag in ['green', 'amber', 'red', 'grey'] -%}
            cast(coalesce(kpi_progress.kpis_{{ rag }}, 0) as {{ dbt.type_bigint() }})
                as kpis_{{ rag }},
        {% endfor -%}

        ---------- statistics coverage of the region
        cast(period_statistics_years.statistics_year as {{ dbt.type_bigint() }})
            as statistics_year,
        cast(regional_coverage.members_eligible as {{ dbt.type_bigint() }}) as members_eligible,
        cast(regional_coverage.members_reporting as {{ dbt.type_bigint() }})
            as members_reporting,
        cast(
            100.0 * regional_coverage.members_reporting
            / nullif(regional_coverage.members_eligible, 0)
            as {{ type_double() }}
        ) as statistics_coverage_pct,
        cast(
            100.0 * regional_coverage.indicators_reported
            / nullif(regional_coverage.indicators_expected, 0)
            as {{ type_double() }}
        ) as statistics_completeness_pct

    from priority_periods
    inner join priorities
        on priority_periods.priority_code = priorities.priority_code
    left join regions
        on priority_periods.region_code = regions.region_code
    left join deliverable_progress
        on
            priority_periods.priority_code = deliverable_progress.priority_code
            and priority_periods.period_code = deliverable_progress.period_code
    left join kpi_progress
        on
            priority_periods.priority_code = kpi_progress.priority_code
            and priority_periods.period_code = kpi_progress.period_code
    left join period_statistics_years
        on
            priority_periods.priority_code = period_statistics_years.priority_code
            and priority_periods.period_code = period_statistics_years.period_code
    left join regional_coverage
        on
            priority_periods.region_code = regional_coverage.region_code
            and period_statistics_years.statistics_year = regional_coverage.statistics_year

)

select * from final
