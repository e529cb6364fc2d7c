-- Bridge between deliverables (by IP year) and the focus areas they are tagged with. A
-- deliverable with several focus areas has one row per area; allocation_weight (1 / number of
-- areas) lets BI share a deliverable out without counting it twice in a total.

with

tags as (

    select * from {{ ref('int_deliverables__focus_areas') }}

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat(['deliverable_code', "'|'", 'ip_year', "'|'", 'focus_area_code']) }}
            as {{ dbt.type_string() }}
        ) as deliverable_focus_area_key,
        cast(
            {{ dbt.concat(["'deliverable|'", 'deliverable_code', "'|'", 'ip_year']) }}
            as {{ dbt.type_string() }}
        ) as plan_element_key,
        cast(deliverable_code as {{ dbt.type_string() }}) as deliverable_code,
        cast(ip_year as {{ dbt.type_string() }}) as ip_year,
        cast(focus_area_code as {{ dbt.type_string() }}) as focus_area_code,

        ---------- allocation
        cast(1.0 / focus_area_count as {{ type_double() }}) as allocation_weight

    from tags

)

select * from final
