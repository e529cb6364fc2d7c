-- Every KPI × every reporting period of the IP years that have targets: the actual and
-- year-to-date values against the phased target, the Red/Amber/Green rating, and the trend
-- against the previous period and against the baseline.
-- A cumulative KPI is compared with the target phased to the quarters its year to date
-- includes (a quarter without a value, e.g. a rejected return, is in neither), and the
-- explanation of the rating says which quarters those are. Derived figures are rounded to the
-- precision declared for the KPI's unit (percentages to that of percent) before they are
-- compared with the levels and published.

with

kpi_actuals as (

    select * from {{ ref('int_kpi_actuals__by_period') }}

),

kpi_targets as (

    select * from {{ ref('stg_reference__kpi_targets') }}

),

kpis as (

    select * from {{ ref('stg_reference__kpis') }}

),

objectives as (

    select * from {{ ref('stg_reference__objectives') }}

),

target_years as (

    select distinct ip_year
    from kpi_targets

),

targeted as (

    select

        kpi_actuals.*,
        kpi_targets.annual_target,
        kpi_targets.ip_year as target_ip_year,
        kpis.baseline,
        kpis.objective_code,
        objectives.goal_code,
        -- cumulative KPIs phase the annual target (and the baseline, an annual figure)
        -- linearly over the four quarters: the share of the quarters the year to date includes
        {{ round_to_unit(
            "case kpi_actuals.aggregation
                when 'cumulative'
                    then kpi_targets.annual_target * kpi_actuals.quarters_reported / 4.0
                else kpi_targets.annual_target
            end",
            'kpi_actuals.unit',
        ) }} as period_target,
        {{ round_to_unit(
            "case kpi_actuals.aggregation
                when 'cumulative' then kpis.baseline * kpi_actuals.quarters_reported / 4.0
                else kpis.baseline
            end",
            'kpi_actuals.unit',
        ) }} as period_baseline,
        -- the previous reporting period's value of the same KPI (across IP years)
        lag(kpi_actuals.actual_value) over (
            partition by kpi_actuals.kpi_code
            order by kpi_actuals.ip_year, kpi_actuals.quarter
        ) as previous_actual_value,
        lag(kpi_actuals.period_code) over (
            partition by kpi_actuals.kpi_code
            order by kpi_actuals.ip_year, kpi_actuals.quarter
        ) as previous_period_code

    from kpi_actuals
    inner join target_years
        on kpi_actuals.ip_year = target_years.ip_year
    left join kpi_targets
        on
            kpi_actuals.kpi_code = kpi_targets.kpi_code
            and kpi_actuals.ip_year = kpi_targets.ip_year
    left join kpis
        on kpi_actuals.kpi_code = kpis.kpi_code
    left join objectives
        on kpis.objective_code = objectives.objective_code

),

levels as (

    select

        *,
        {{ round_to_unit(
            "case threshold_type
                when 'percent_of_target' then period_target * amber_threshold / 100.0
                when 'absolute' then amber_threshold
            end",
            'unit',
        ) }} as amber_level,
        {{ round_to_unit(
            "case threshold_type
                when 'percent_of_target' then period_target * red_threshold / 100.0
                when 'absolute' then red_threshold
            end",
            'unit',
        ) }} as red_level,
        {{ round_to_unit('ytd_value - period_target', 'unit') }} as variance,
        {{ round_to_unit('ytd_value / nullif(period_target, 0) * 100', "'percent'") }}
            as pct_of_target,
        {{ round_to_unit('actual_value - previous_actual_value', 'unit') }}
            as change_from_previous,
        {{ round_to_unit('ytd_value - period_baseline', 'unit') }} as change_from_baseline

    from targeted

),

---------- what the year to date includes and what it is compared with, in words
explained as (

    select

        *,
        case
            when actual_value is null
                then 'Not rated: no value reported for this period.'
            when amber_level is null or red_level is null
                then 'Not rated: no target for this Implementation Plan year.'
            else {{ dbt.concat([
                "case aggregation when 'cumulative' then 'Sum of '"
                ~ " when 'average' then 'Mean of ' else 'Latest of ' end",
                'ytd_quarters',
                "' ('",
                'cast(quarters_reported as ' ~ dbt.type_string() ~ ')',
                "' of '",
                'cast(quarters_expected as ' ~ dbt.type_string() ~ ')',
                "' quarters) '",
                "case when threshold_type = 'absolute'"
                ~ " then 'against the fixed amber and red levels.'"
                ~ " when aggregation = 'cumulative'"
                ~ " then 'against the annual target phased to those quarters.'"
                ~ " else 'against the annual target.' end",
            ]) }}
        end as rag_explanation_en,
        case
            when actual_value is null
                then 'Non évalué : aucune valeur communiquée pour cette période.'
            when amber_level is null or red_level is null
                then 'Non évalué : pas de cible pour cette année du Plan de mise en œuvre.'
            else {{ dbt.concat([
                "case aggregation when 'cumulative' then 'Somme de '"
                ~ " when 'average' then 'Moyenne de ' else 'Dernière valeur de ' end",
                'ytd_quarters',
                "' ('",
                'cast(quarters_reported as ' ~ dbt.type_string() ~ ')',
                "' trimestres sur '",
                'cast(quarters_expected as ' ~ dbt.type_string() ~ ')',
                "') '",
                "case when threshold_type = 'absolute'"
                ~ " then 'comparée aux niveaux orange et rouge fixes.'"
                ~ " when aggregation = 'cumulative'"
                ~ " then 'comparée à la cible annuelle échelonnée sur ces trimestres.'"
                ~ " else 'comparée à la cible annuelle.' end",
            ]) }}
        end as rag_explanation_fr

    from levels

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['kpi_code', "'|'", 'period_code']) }}
            as {{ dbt.type_string() }}
        ) as scorecard_key,
        cast(kpi_code as {{ dbt.type_string() }}) as kpi_code,
        cast(period_code as {{ dbt.type_string() }}) as period_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(quarter as {{ dbt.type_bigint() }}) as quarter,

        ---------- results framework
        cast(objective_code as {{ dbt.type_string() }}) as objective_code,
        cast(
            {{ dbt.concat(["'objective|'", 'objective_code', "'|'", 'ip_year']) }}
            as {{ dbt.type_string() }}
        ) as objective_key,
        cast(goal_code as {{ dbt.type_string() }}) as goal_code,

        ---------- how the KPI is read
        cast(direction as {{ dbt.type_string() }}) as direction,
        cast(aggregation as {{ dbt.type_string() }}) as aggregation,

        ---------- values
        cast(actual_value as {{ type_double() }}) as actual_value,
        cast(ytd_value as {{ type_double() }}) as ytd_value,

        ---------- which quarters the year to date includes
        cast(quarters_reported as {{ dbt.type_bigint() }}) as quarters_reported,
        cast(quarters_expected as {{ dbt.type_bigint() }}) as quarters_expected,
        cast(is_ytd_complete as {{ dbt.type_boolean() }}) as is_ytd_complete,
        cast(ytd_quarters as {{ dbt.type_string() }}) as ytd_quarters,

        ---------- targets
        cast(annual_target as {{ type_double() }}) as annual_target,
        cast(target_ip_year as {{ dbt.type_string() }}) as target_ip_year,
        cast(period_target as {{ type_double() }}) as period_target,
        cast(variance as {{ type_double() }}) as variance,
        cast(pct_of_target as {{ type_double() }}) as pct_of_target,

        ---------- rating
        cast(amber_level as {{ type_double() }}) as amber_level,
        cast(red_level as {{ type_double() }}) as red_level,
        -- a KPI with no value for this period is grey (not rated on an older figure)
        cast(
            case
                when actual_value is null then 'grey'
                else {{ rag_status('ytd_value', 'amber_level', 'red_level', 'direction') }}
            end
            as {{ dbt.type_string() }}
        ) as rag_status,
        cast(rag_explanation_en as {{ dbt.type_string() }}) as rag_explanation_en,
        cast(rag_explanation_fr as {{ dbt.type_string() }}) as rag_explanation_fr,

        ---------- trend against the previous period (the period's own values)
        cast(previous_period_code as {{ dbt.type_string() }}) as previous_period_code,
        cast(previous_actual_value as {{ type_double() }}) as previous_actual_value,
        cast(change_from_previous as {{ type_double() }}) as change_from_previous,
        cast(
            {{ trend_direction('actual_value', 'previous_actual_value', 'direction') }}
            as {{ dbt.type_string() }}
        ) as trend_vs_previous,

        ---------- trend against the baseline (phased like the target for cumulative KPIs)
        cast(baseline as {{ type_double() }}) as baseline,
        cast(period_baseline as {{ type_double() }}) as period_baseline,
        cast(change_from_baseline as {{ type_double() }}) as change_from_baseline,
        cast(
            {{ trend_direction('ytd_value', 'period_baseline', 'direction') }}
            as {{ dbt.type_string() }}
        ) as trend_vs_baseline,

        ---------- lineage
        cast(source_file_id as {{ dbt.type_string() }}) as source_file_id

    from explained

)

select * from final
