-- The measured value of every KPI in every reporting period: the headline figure (scope
-- overall: the owner Directorate's return, or the all-Member aggregate of a statistics
-- indicator) and, for statistics KPIs, the same indicator by WCO region and by Member, so a
-- KPI can be broken down. Year to date follows the KPI's aggregation rule (headline rows, from
-- int_kpi_actuals__by_period); statistics are annual, so a breakdown row's year-to-date value
-- is the year's value.

with

kpi_actuals as (

    select * from {{ ref('int_kpi_actuals__by_period') }}

),

kpis as (

    select * from {{ ref('stg_reference__kpis') }}

),

regional_statistics as (

    select * from {{ ref('mart_statistics_regional') }}

),

member_statistics as (

    select * from {{ ref('fct_customs_statistics') }}

),

overall as (

    select

        kpi_actuals.kpi_code,
        kpi_actuals.period_code,
        kpi_actuals.ip_year,
        kpi_actuals.quarter,
        'overall' as scope_type,
        'ALL' as scope_code,
        kpi_actuals.value_source,
        kpi_actuals.aggregation,
        kpi_actuals.statistics_year,
        kpi_actuals.actual_value,
        kpi_actuals.ytd_value,
        cast(null as {{ dbt.type_bigint() }}) as members_reporting,
        true as is_in_aggregates,
        kpi_actuals.source_file_id

    from kpi_actuals

),

---------- the statistics year of each statistics KPI and period (the year before the IP year)
statistics_periods as (

    select

        kpi_actuals.kpi_code,
        kpi_actuals.period_code,
        kpi_actuals.ip_year,
        kpi_actuals.quarter,
        kpi_actuals.aggregation,
        kpis.indicator_code,
        kpi_actuals.statistics_year

    from kpi_actuals
    inner join kpis
        on kpi_actuals.kpi_code = kpis.kpi_code
    where
        kpi_actuals.value_source = 'statistics'
        and kpi_actuals.statistics_year is not null

),

by_region as (

    select

        statistics_periods.kpi_code,
        statistics_periods.period_code,
        statistics_periods.ip_year,
        statistics_periods.quarter,
        'region' as scope_type,
        regional_statistics.region_code as scope_code,
        'statistics' as value_source,
        statistics_periods.aggregation,
        statistics_periods.statistics_year,
        regional_statistics.aggregate_value as actual_value,
        regional_statistics.aggregate_value as ytd_value,
        regional_statistics.members_aggregated as members_reporting,
        true as is_in_aggregates,
        cast(null as {{ dbt.type_string() }}) as source_file_id

    from statistics_periods
    inner join regional_statistics
        on
            statistics_periods.indicator_code = regional_statistics.indicator_code
            and statistics_periods.statistics_year = regional_statistics.statistics_year

),

by_member as (

    select

        statistics_periods.kpi_code,
        statistics_periods.period_code,
        statistics_periods.ip_year,
        statistics_periods.quarter,
        'member' as scope_type,
        member_statistics.member_code as scope_code,
        'statistics' as value_source,
        statistics_periods.aggregation,
        statistics_periods.statistics_year,
        member_statistics.indicator_value as actual_value,
        member_statistics.indicator_value as ytd_value,
        cast(null as {{ dbt.type_bigint() }}) as members_reporting,
        member_statistics.is_in_aggregates,
        member_statistics.source_file_id

    from statistics_periods
    inner join member_statistics
        on
            statistics_periods.indicator_code = member_statistics.indicator_code
            and statistics_periods.statistics_year = member_statistics.statistics_year

),

measurements as (

    select * from overall
    union all
    select * from by_region
    union all
    select * from by_member

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat([
                'kpi_code', "'|'", 'period_code', "'|'", 'scope_type', "'|'", 'scope_code',
            ]) }} as {{ dbt.type_string() }}
        ) as kpi_measurement_key,
        cast(kpi_code as {{ dbt.type_string() }}) as kpi_code,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,

        ---------- breakdown
        cast(scope_type as {{ dbt.type_string() }}) as scope_type,
        cast(scope_code as {{ dbt.type_string() }}) as scope_code,

        ---------- how the value is obtained
        cast(value_source as {{ dbt.type_string() }}) as value_source,
        cast(aggregation as {{ dbt.type_string() }}) as aggregation,
        cast(statistics_year as {{ dbt.type_bigint() }}) as statistics_year,

        ---------- values
        cast(actual_value as {{ type_double() }}) as actual_value,
        cast(ytd_value as {{ type_double() }}) as ytd_value,
        cast(members_reporting as {{ dbt.type_bigint() }}) as members_reporting,
        cast(is_in_aggregates as {{ dbt.type_boolean() }}) as is_in_aggregates,

        ---------- lineage
        cast(source_file_id as {{ dbt.type_string() }}) as source_file_id

    from measurements

)

select * from final
