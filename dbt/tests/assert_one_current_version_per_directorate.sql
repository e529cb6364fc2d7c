-- Warns about Directorates that have no version in force (no row without valid_to) or more
-- than one: dim_directorate.is_current must pick exactly one version per Directorate.
{{ config(severity='warn', store_failures=true) }}

with

directorates as (

    select * from {{ ref('dim_directorate') }}

)

select

    directorate_code,
    sum(case when is_current then 1 else 0 end) as current_version_count

from directorates
group by directorate_code
having sum(case when is_current then 1 else 0 end) <> 1
