-- One row per thematic focus area, with the number of deliverables tagged with it.

with

focus_areas as (

    select * from {{ ref('stg_reference__focus_areas') }}

),

tags as (

    select * from {{ ref('int_deliverables__focus_areas') }}

),

tag_counts as (

    select

        focus_area_code,
        count(*) as deliverable_count

    from tags
    group by focus_area_code

),

final as (

    select

        ---------- keys
        cast(focus_areas.focus_area_code as {{ dbt.type_string() }}) as focus_area_code,

        ---------- text
        cast(focus_areas.name_en as {{ dbt.type_string() }}) as name_en,
        cast(focus_areas.name_fr as {{ dbt.type_string() }}) as name_fr,

        ---------- use
        cast(
            coalesce(tag_counts.deliverable_count, 0) as {{ dbt.type_bigint() }}
        ) as deliverable_count

    from focus_areas
    left join tag_counts
        on focus_areas.focus_area_code = tag_counts.focus_area_code

)

select * from final
