{#-
    The dim_directorate key (directorate_code "|" valid_from) of the Directorate's version in
    force on the last day of the period, as a scalar subquery (equality-correlated, so portable),
    so that facts relate to the versioned dimension on its unique key.
-#}
{% macro directorate_key_for(directorate_code, period_code) -%}
    (
        select max(versions.directorate_key) as directorate_key
        from {{ ref('int_directorate__versions_by_period') }} as versions
        where
            versions.directorate_code = {{ directorate_code }}
            and versions.period_code = {{ period_code }}
    )
{%- endmacro %}
