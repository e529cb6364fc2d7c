-- One row per version of each Directorate (directorate_code × valid_from).

with

directorates as (

    select * from {{ ref('stg_reference__directorates') }}

),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat([
                'directorate_code',
                "'|'",
                dbt.cast('valid_from', api.Column.translate_type('string')),
            ]) }} as {{ dbt.type_string() }}
        ) as directorate_key,
        cast(directorate_code as {{ dbt.type_string() }}) as directorate_code,

        ---------- text
        cast(name_en as {{ dbt.type_string() }}) as name_en,
        cast(name_fr as {{ dbt.type_string() }}) as name_fr,
        cast(preferred_language as {{ dbt.type_string() }}) as preferred_language,
        cast(alert_email as {{ dbt.type_string() }}) as alert_email,

        ---------- validity
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        cast(is_current as {{ dbt.type_boolean() }}) as is_current

    from directorates

)

select * from final
