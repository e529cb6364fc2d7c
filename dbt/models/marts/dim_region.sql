-- The six WCO regions, for BI filters and the regional statistics mart.

with

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

final as (

    select

        cast(region_code as {{ dbt.type_string() }}) as region_code,
        cast(name_en as {{ dbt.type_string() }}) as name_en,
        cast(name_fr as {{ dbt.type_string() }}) as name_fr

    from regions

)

select * from final
