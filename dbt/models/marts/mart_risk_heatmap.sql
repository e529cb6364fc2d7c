-- The Audit Committee's risk heat map: for every reporting period with at least one current
-- return, both assessments (inherent, residual) × likelihood 1-5 × impact 1-5, the number of
-- risks of all Directorates in the cell. All 25 cells are present, zero when empty, so BI
-- draws a full grid; the per-Directorate map is drawn from fct_risk_assessment.

with

risks as (

    select * from {{ ref('fct_risk_assessment') }}

),

current_returns as (

    select * from {{ ref('int_returns__current') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

reported_periods as (

    select

        calendar.period_code,
        calendar.ip_year,
        calendar.quarter,
        count(*) as directorates_reporting

    from current_returns
    inner join calendar
        on current_returns.period_code = calendar.period_code
    group by calendar.period_code, calendar.ip_year, calendar.quarter

),

assessments as (

    select 'inherent' as assessment
    union all
    select 'residual' as assessment

),

levels as (

    select 1 as level_value
    union all
    select 2 as level_value
    union all
    select 3 as level_value
    union all
    select 4 as level_value
    union all
    select 5 as level_value

),

grid as (

    select

        reported_periods.period_code,
        reported_periods.ip_year,
        reported_periods.quarter,
        reported_periods.directorates_reporting,
        assessments.assessment,
        likelihoods.level_value as likelihood,
        impacts.level_value as impact

    from reported_periods
    cross join assessments
    cross join levels as likelihoods
    cross join levels as impacts

),

placed as (

    select

        period_code,
        directorate_code,
        risk_code,
        'inherent' as assessment,
        likelihood,
        impact

    from risks

    union all

    select

        period_code,
        directorate_code,
        risk_code,
        'residual' as assessment,
        residual_likelihood as likelihood,
        residual_impact as impact

    from risks

),

cell_counts as (

    select

        period_code,
        assessment,
        likelihood,
        impact,
        count(*) as risk_count,
        count(distinct directorate_code) as directorate_count

    from placed
    group by period_code, assessment, likelihood, impact

),

period_counts as (

    select

        period_code,
        count(*) as period_risk_count

    from risks
    group by period_code

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat([
                'grid.period_code',
                "'|'",
                'grid.assessment',
                "'|'",
                'cast(grid.likelihood as ' ~ dbt.type_string() ~ ')',
                "'|'",
                'cast(grid.impact as ' ~ dbt.type_string() ~ ')',
            ]) }} as {{ dbt.type_string() }}
        ) as heatmap_cell_key,
        cast(grid.period_code as {{ dbt.type_string() }}) as period_code,
        cast(grid.ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(grid.quarter as {{ dbt.type_bigint() }}) as quarter,
        cast(grid.assessment as {{ dbt.type_string() }}) as assessment,

        ---------- the cell
        cast(grid.likelihood as {{ dbt.type_bigint() }}) as likelihood,
        cast(grid.impact as {{ dbt.type_bigint() }}) as impact,
        cast(grid.likelihood * grid.impact as {{ dbt.type_bigint() }}) as cell_score,
        cast(
            {{ risk_rating('grid.likelihood * grid.impact') }} as {{ dbt.type_string() }}
        ) as cell_rating,

        ---------- counts
        cast(coalesce(cell_counts.risk_count, 0) as {{ dbt.type_bigint() }}) as risk_count,
        cast(
            coalesce(cell_counts.directorate_count, 0) as {{ dbt.type_bigint() }}
        ) as directorate_count,
        cast(
            coalesce(period_counts.period_risk_count, 0) as {{ dbt.type_bigint() }}
        ) as period_risk_count,
        cast(
            100.0 * coalesce(cell_counts.risk_count, 0)
            / nullif(period_counts.period_risk_count, 0)
            as {{ type_double() }}
        ) as risk_share_pct,
        cast(grid.directorates_reporting as {{ dbt.type_bigint() }}) as directorates_reporting

    from grid
    left join cell_counts
        on
            grid.period_code = cell_counts.period_code
            and grid.assessment = cell_counts.assessment
            and grid.likelihood = cell_counts.likelihood
            and grid.impact = cell_counts.impact
    left join period_counts
        on grid.period_code = period_counts.period_code

)

select * from final
