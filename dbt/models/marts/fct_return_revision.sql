-- Cell-by-cell history of the resubmissions of the quarterly returns: for each Directorate ×
-- period, every loaded return (accepted, pending or declined) is compared with the one loaded
-- before it (by received_at, then file_id), and every value that changed gives one row. Items
-- present in only one of the two returns give one row '(row added)' or '(row removed)'. The
-- first return of a Directorate × period changes nothing and gives no row.

{#- Sheets of the return layout (ingestion/returns/return_layout.yaml): the staging model, the
    item key and the input columns compared. Typed columns are compared as such, so 75 and
    75.0 are the same number; values are shown as text. -#}
{%- set sheets = [
    {
        'name': 'Deliverables',
        'cte': 'deliverables',
        'model': 'stg_returns__deliverable_status',
        'key': 'deliverable_code',
        'fields': ['status', 'percent_complete', 'completion_date', 'comment'],
    },
    {
        'name': 'KPIs',
        'cte': 'kpis',
        'model': 'stg_returns__kpi_values',
        'key': 'kpi_code',
        'fields': ['actual_value', 'comment'],
    },
    {
        'name': 'Risks',
        'cte': 'risks',
        'model': 'stg_returns__risks',
        'key': 'risk_code',
        'fields': [
            'title', 'objective_code', 'likelihood', 'impact',
            'residual_likelihood', 'residual_impact', 'trend', 'mitigation',
        ],
    },
    {
        'name': 'Resources',
        'cte': 'resources',
        'model': 'stg_returns__resources',
        'key': 'deliverable_code',
        'fields': ['budget_allocated_eur', 'budget_spent_eur', 'comment'],
    },
] %}

with

return_files as (

    select * from {{ ref('stg_returns__files') }}

),

file_registry as (

    select * from {{ ref('stg_intake__file_registry') }}

),
{% for sheet in sheets %}
    {{ sheet.cte }} as (

        select * from {{ ref(sheet.model) }}

    ),
{% endfor %}
---------- each loaded return with the one loaded before it for the same Directorate × period

sequenced as (

    select

        return_files.file_id,
        return_files.directorate_code,
        return_files.period_code,
        return_files.prepared_by,
        return_files.received_at,
        file_registry.outcome as file_outcome,
        lag(return_files.file_id) over (
            partition by return_files.directorate_code, return_files.period_code
            order by return_files.received_at asc, return_files.file_id asc
        ) as previous_file_id

    from return_files
    inner join file_registry
        on return_files.file_id = file_registry.file_id

),

revisions as (

    select * from sequenced
    where previous_file_id is not null

),
{% for sheet in sheets %}
    ---------- {{ sheet.name }}: items of the new return and of the previous one, side by side

    {{ sheet.cte }}_new as (

        select

            {% for field in sheet.fields %}
                {{ sheet.cte }}.{{ field }},
            {% endfor %}
            revisions.file_id,
            {{ sheet.cte }}.{{ sheet.key }} as item_code,
            {{ sheet.cte }}.source_row

        from revisions
        inner join {{ sheet.cte }}
            on revisions.file_id = {{ sheet.cte }}.file_id

    ),

    {{ sheet.cte }}_previous as (

        select

            {% for field in sheet.fields %}
                {{ sheet.cte }}.{{ field }},
            {% endfor %}
            revisions.file_id,
            {{ sheet.cte }}.{{ sheet.key }} as item_code

        from revisions
        inner join {{ sheet.cte }}
            on revisions.previous_file_id = {{ sheet.cte }}.file_id

    ),

    {{ sheet.cte }}_compared as (

        select

            {{ sheet.cte }}_new.source_row,
            {% for field in sheet.fields %}
                {{ sheet.cte }}_new.{{ field }} as new_{{ field }},
                {{ sheet.cte }}_previous.{{ field }} as previous_{{ field }},
            {% endfor %}
            coalesce(
                {{ sheet.cte }}_new.file_id, {{ sheet.cte }}_previous.file_id
            ) as file_id,
            coalesce(
                {{ sheet.cte }}_new.item_code, {{ sheet.cte }}_previous.item_code
            ) as item_code,
            {{ sheet.cte }}_new.file_id is not null as is_in_new,
            {{ sheet.cte }}_previous.file_id is not null as is_in_previous

        from {{ sheet.cte }}_new
        full outer join {{ sheet.cte }}_previous
            on
                {{ sheet.cte }}_new.file_id = {{ sheet.cte }}_previous.file_id
                and {{ sheet.cte }}_new.item_code = {{ sheet.cte }}_previous.item_code

    ),

    ---------- {{ sheet.name }}: one row per changed value, added item or removed item

    {{ sheet.cte }}_changes as (
        {% for field in sheet.fields %}
            select

                file_id,
                '{{ sheet.name }}' as sheet_name,
                item_code,
                '{{ field }}' as field,
                {{ dbt.cast('previous_' ~ field, dbt.type_string()) }} as previous_value,
                {{ dbt.cast('new_' ~ field, dbt.type_string()) }} as new_value,
                source_row

            from {{ sheet.cte }}_compared
            where
                is_in_new
                and is_in_previous
                and (
                    new_{{ field }} <> previous_{{ field }}
                    or (new_{{ field }} is null and previous_{{ field }} is not null)
                    or (new_{{ field }} is not null and previous_{{ field }} is null)
                )

            union all
        {% endfor %}

        select

            file_id,
            '{{ sheet.name }}' as sheet_name,
            item_code,
            '(row added)' as field,
            {{ dbt.cast('null', dbt.type_string()) }} as previous_value,
            {{ dbt.cast('null', dbt.type_string()) }} as new_value,
            source_row

        from {{ sheet.cte }}_compared
        where is_in_new and not is_in_previous

        union all

        select

            file_id,
            '{{ sheet.name }}' as sheet_name,
            item_code,
            '(row removed)' as field,
            {{ dbt.cast('null', dbt.type_string()) }} as previous_value,
            {{ dbt.cast('null', dbt.type_string()) }} as new_value,
            source_row

        from {{ sheet.cte }}_compared
        where is_in_previous and not is_in_new

    ),
{% endfor %}
changes as (
    {% for sheet in sheets %}
        select * from {{ sheet.cte }}_changes
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (

    select

        ---------- keys
        cast(
            {{ dbt.concat([
                'changes.file_id', "'|'", 'changes.sheet_name', "'|'",
                'changes.item_code', "'|'", 'changes.field',
            ]) }} as {{ dbt.type_string() }}
        ) as revision_key,
        cast(revisions.directorate_code as {{ dbt.type_string() }}) as directorate_code,
        cast(
            {{ directorate_key_for('revisions.directorate_code', 'revisions.period_code') }}
            as {{ dbt.type_string() }}
        ) as directorate_key,
        cast(revisions.period_code as {{ dbt.type_string() }}) as period_code,

        ---------- the cell
        cast(changes.sheet_name as {{ dbt.type_string() }}) as sheet_name,
        cast(changes.item_code as {{ dbt.type_string() }}) as item_code,
        cast(changes.field as {{ dbt.type_string() }}) as field,
        cast(changes.previous_value as {{ dbt.type_string() }}) as previous_value,
        cast(changes.new_value as {{ dbt.type_string() }}) as new_value,

        ---------- the two returns
        cast(revisions.previous_file_id as {{ dbt.type_string() }}) as previous_file_id,
        cast(changes.file_id as {{ dbt.type_string() }}) as file_id,
        cast(revisions.received_at as {{ dbt.type_timestamp() }}) as received_at,
        cast(revisions.prepared_by as {{ dbt.type_string() }}) as prepared_by,
        cast(revisions.file_outcome as {{ dbt.type_string() }}) as file_outcome,
        cast(changes.source_row as {{ dbt.type_bigint() }}) as source_row

    from changes
    inner join revisions
        on changes.file_id = revisions.file_id

)

select * from final
