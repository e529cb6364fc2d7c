-- Bridge from each regional priority to the objectives and deliverables it lists in its code
-- lists: one row per priority × linked code. A code matches when ";code;" occurs in
-- ";list;" (dbt.position, portable; no split function needed). Deliverable codes are matched
-- against every IP year's plan, so a code linked once counts once however many years use it.

with

priorities as (

    select * from {{ ref('stg_reference__regional_priorities') }}

),

objectives as (

    select * from {{ ref('stg_reference__objectives') }}

),

deliverable_codes as (

    select distinct deliverable_code
    from {{ ref('stg_reference__deliverables') }}

),

objective_links as (

    select

        priorities.priority_code,
        'objective' as link_type,
        objectives.objective_code as linked_code

    from priorities
    inner join objectives
        on {{ dbt.position(
            dbt.concat(["';'", 'objectives.objective_code', "';'"]),
            dbt.concat(["';'", 'priorities.objective_codes', "';'"]),
        ) }} > 0

),

deliverable_links as (

    select

        priorities.priority_code,
        'deliverable' as link_type,
        deliverable_codes.deliverable_code as linked_code

    from priorities
    inner join deliverable_codes
        on {{ dbt.position(
            dbt.concat(["';'", 'deliverable_codes.deliverable_code', "';'"]),
            dbt.concat(["';'", 'priorities.deliverable_codes', "';'"]),
        ) }} > 0

),

links as (

    select * from objective_links
    union all
    select * from deliverable_links

)

select * from links
