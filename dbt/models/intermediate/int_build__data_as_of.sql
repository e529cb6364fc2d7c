-- The build's "data as of" moment: one row. It is an input of the build, never the wall clock,
-- so that two builds from the same archive give the same rows. Given as the dbt var
-- data_as_of (from $SPF_DATA_AS_OF, or `--vars '{data_as_of: "2026-07-15"}'`); by default the
-- time the latest accepted file was received, which the archive alone determines.

{%- set given = var('data_as_of', '') | string | trim %}

with

file_registry as (

    select * from {{ ref('stg_intake__file_registry') }}

),

calendar as (

    select * from {{ ref('stg_reference__reporting_calendar') }}

),

latest_receipt as (

    select max(received_at) as received_at
    from file_registry
    where outcome = 'accepted'

),

first_period as (

    select min(start_date) as start_date
    from calendar

),

final as (

    select

        {%- if given %}
            cast('{{ given }}' as {{ dbt.type_timestamp() }}) as data_as_of,
            'var' as data_as_of_source
        {%- else %}
            coalesce(
                latest_receipt.received_at,
                cast(first_period.start_date as {{ dbt.type_timestamp() }})
            ) as data_as_of,
            case
                when latest_receipt.received_at is not null then 'latest_accepted_file'
                else 'first_period_start'
            end as data_as_of_source
        {%- endif %}

    from latest_receipt
    cross join first_period

)

select * from final
