-- One row per KPI of the Strategic Plan, with its objective, goal and rating rules.

with

kpis as (

    select * from {{ ref('stg_reference__kpis') }}

),

objectives as (

    select * from {{ ref('stg_reference__objectives') }}

),

final as (

    select

        ---------- keys
        cast(kpis.kpi_code as {{ dbt.type_string() }}) as kpi_code,

        ---------- text
        cast(kpis.name_en as {{ dbt.type_string() }}) as name_en,
        cast(kpis.name_fr as {{ dbt.type_string() }}) as name_fr,

        ---------- results framework
        cast(kpis.objective_code as {{ dbt.type_string() }}) as objective_code,
        cast(objectives.name_en as {{ dbt.type_string() }}) as objective_name_en,
        cast(objectives.name_fr as {{ dbt.type_string() }}) as objective_name_fr,
        cast(objectives.goal_code as {{ dbt.type_string() }}) as goal_code,
        cast(kpis.owner_directorate_code as {{ dbt.type_string() }}) as owner_directorate_code,
        cast(
            (
                select max(current_versions.directorate_key) as directorate_key
                from {{ ref('dim_directorate') }} as current_versions
                where
                    current_versions.directorate_code = kpis.owner_directorate_code
                    and current_versions.is_current
            ) as {{ dbt.type_string() }}
        ) as owner_directorate_key,

        ---------- measurement
        cast(kpis.unit as {{ dbt.type_string() }}) as unit,
        cast(kpis.direction as {{ dbt.type_string() }}) as direction,
        cast(kpis.baseline as {{ type_double() }}) as baseline,
        cast(kpis.aggregation as {{ dbt.type_string() }}) as aggregation,

        ---------- rating rules
        cast(kpis.threshold_type as {{ dbt.type_string() }}) as threshold_type,
        cast(kpis.amber_threshold as {{ type_double() }}) as amber_threshold,
        cast(kpis.red_threshold as {{ type_double() }}) as red_threshold,

        ---------- source of the values
        cast(kpis.value_source as {{ dbt.type_string() }}) as source,
        cast(kpis.indicator_code as {{ dbt.type_string() }}) as indicator_code

    from kpis
    left join objectives
        on kpis.objective_code = objectives.objective_code

)

select * from final
