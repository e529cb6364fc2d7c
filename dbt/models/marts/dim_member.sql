-- WCO Members, one row per version of a Member in the register (member_code × valid_from), so
-- a region change or an accession keeps the history. is_country is false for the European
-- Union: regional aggregates of country statistics leave it out so as not to count its Member
-- States twice.

with

members as (

    select * from {{ ref('stg_reference__members') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

final as (

    select

        cast(
            {{ dbt.concat([
                'members.member_code',
                "'|'",
                'cast(members.valid_from as ' ~ dbt.type_string() ~ ')',
            ]) }} as {{ dbt.type_string() }}
        ) as member_version_key,
        cast(members.member_code as {{ dbt.type_string() }}) as member_code,
        cast(members.iso2 as {{ dbt.type_string() }}) as iso2,
        cast(members.iso_numeric as {{ dbt.type_string() }}) as iso_numeric,
        cast(members.name_en as {{ dbt.type_string() }}) as name_en,
        cast(members.name_fr as {{ dbt.type_string() }}) as name_fr,
        cast(members.region_code as {{ dbt.type_string() }}) as region_code,
        cast(regions.name_en as {{ dbt.type_string() }}) as region_name_en,
        cast(regions.name_fr as {{ dbt.type_string() }}) as region_name_fr,
        cast(members.is_country as {{ dbt.type_boolean() }}) as is_country,
        cast(members.valid_from as date) as valid_from,
        cast(members.valid_to as date) as valid_to,
        cast(members.is_current as {{ dbt.type_boolean() }}) as is_current

    from members
    left join regions
        on members.region_code = regions.region_code

)

select * from final
