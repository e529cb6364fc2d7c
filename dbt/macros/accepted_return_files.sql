{#-
    The one definition of which return files count: every version of a return (all columns of
    stg_returns__files) whose registry outcome is accepted. raw.return_files also keeps the
    returns held for a closed period (outcome pending) and those the steward declined (loaded
    for the history): they never count. Renders a SELECT to use as the body of a CTE; the
    models and tests that need accepted returns read it instead of writing the filter again.
-#}
{% macro accepted_return_files() -%}
    select return_files.*
    from {{ ref('stg_returns__files') }} as return_files
    inner join {{ ref('stg_intake__file_registry') }} as file_registry
        on return_files.file_id = file_registry.file_id
    where file_registry.outcome = 'accepted'
{%- endmacro %}
