-- The regional priorities of each plan cycle, one row per priority, so that
-- mart_regional_priorities (priority × period) relates to a published table on priority_code.

with

priorities as (

    select * from {{ ref('stg_reference__regional_priorities') }}

),

final as (

    select

        cast(priority_code as {{ dbt.type_string() }}) as priority_code,
        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(plan_cycle as {{ dbt.type_string() }}) as plan_cycle,
        cast(priority_rank as {{ dbt.type_bigint() }}) as priority_rank,
        cast(name_en as {{ dbt.type_string() }}) as name_en,
        cast(name_fr as {{ dbt.type_string() }}) as name_fr,
        cast(objective_codes as {{ dbt.type_string() }}) as objective_codes,
        cast(deliverable_codes as {{ dbt.type_string() }}) as deliverable_codes

    from priorities

)

select * from final
