"""What comes in: the incident, its history and the officials around it.

Every class is a frozen attrs class; dates are pendulum values in Asia/Shanghai,
money is ``decimal.Decimal``. Facts the caller does not know stay ``None`` so
that a rule needing them is reported as not evaluable instead of not applying.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

import attrs
import pendulum


class Post(StrEnum):
    party_secretary = "party_secretary"
    government_head = "government_head"
    deputy_safety = "deputy_safety"
    deputy_sector = "deputy_sector"
    department_head = "department_head"
    department_deputy = "department_deputy"
    unit_head = "unit_head"
    unit_deputy = "unit_deputy"
    safety_manager = "safety_manager"
    group_leader = "group_leader"
    soe_leader = "soe_leader"


class Sector(StrEnum):
    coal_mine = "coal_mine"
    non_coal_mine = "non_coal_mine"
    hazardous_chemicals = "hazardous_chemicals"
    fireworks = "fireworks"
    civil_explosives = "civil_explosives"
    metallurgy = "metallurgy"
    building_materials = "building_materials"
    oil_products = "oil_products"
    electric_power = "electric_power"
    pharmaceuticals = "pharmaceuticals"
    light_textile = "light_textile"
    salt = "salt"
    automotive = "automotive"
    machinery = "machinery"
    energy_saving = "energy_saving"
    emerging_industry = "emerging_industry"
    food = "food"
    agri_processing = "agri_processing"
    electronics_it = "electronics_it"
    software = "software"
    telecom = "telecom"
    industrial_park = "industrial_park"
    construction = "construction"
    road_transport = "road_transport"
    water_transport = "water_transport"
    rail = "rail"
    aviation = "aviation"
    fire_crowded_places = "fire_crowded_places"
    special_equipment = "special_equipment"
    gas_supply = "gas_supply"
    agriculture = "agriculture"
    tourism = "tourism"
    education = "education"
    health = "health"
    other = "other"


class AccidentType(StrEnum):
    gas_explosion = "gas_explosion"
    coal_dust_explosion = "coal_dust_explosion"
    explosion = "explosion"
    fire = "fire"
    collapse = "collapse"
    roof_fall = "roof_fall"
    flooding = "flooding"
    poisoning_asphyxiation = "poisoning_asphyxiation"
    fall_from_height = "fall_from_height"
    struck_by_object = "struck_by_object"
    mechanical_injury = "mechanical_injury"
    electrocution = "electrocution"
    lifting_injury = "lifting_injury"
    vehicle_injury = "vehicle_injury"
    traffic = "traffic"
    drowning = "drowning"
    other = "other"


class Status(StrEnum):
    in_office = "in_office"
    transferred = "transferred"
    promoted = "promoted"
    retired = "retired"


class UnitKind(StrEnum):
    enterprise = "enterprise"
    division = "division"
    bingtuan_direct = "bingtuan_direct"
    committee_member = "committee_member"
    regiment = "regiment"
    public_institution = "public_institution"
    government = "government"
    department = "department"
    other = "other"


class ReportFailure(StrEnum):
    """How an accident was misreported (493号 第三十五、三十六条; 2015 规定 第五条)."""

    late = "late"  # 迟报
    omitted = "omitted"  # 漏报
    false = "false"  # 谎报
    concealed = "concealed"  # 瞒报


class System(StrEnum):
    xpcc = "xpcc"
    local = "local"


class Level(StrEnum):
    bingtuan = "bingtuan"
    division = "division"
    regiment = "regiment"
    province = "province"
    city = "city"
    county = "county"
    township = "township"
    development_zone = "development_zone"
    department = "department"


class Form(StrEnum):
    """Organisational forms of accountability (贵阳 第十九条), lightest first."""

    interview = "interview"
    notice = "notice"
    admonishment = "admonishment"
    suspension = "suspension"
    reassignment = "reassignment"
    ordered_resignation = "ordered_resignation"
    demotion = "demotion"
    removal = "removal"


class Sanction(StrEnum):
    party_warning = "party_warning"
    party_serious_warning = "party_serious_warning"
    party_post_revoked = "party_post_revoked"
    party_probation = "party_probation"
    # extension: 留党察看 with its term, so that its effect period can be dated
    party_probation_1y = "party_probation_1y"
    party_probation_2y = "party_probation_2y"
    party_expulsion = "party_expulsion"
    gov_warning = "gov_warning"
    gov_demerit = "gov_demerit"
    gov_major_demerit = "gov_major_demerit"
    gov_downgrade = "gov_downgrade"
    gov_dismissal = "gov_dismissal"
    gov_expulsion = "gov_expulsion"


class Activity(StrEnum):
    meeting = "meeting"
    inspection = "inspection"
    research = "research"
    study = "study"
    drill = "drill"
    report_hearing = "report_hearing"
    analysis = "analysis"


@attrs.frozen
class Record:
    """One dated record (JSON: {"date", "activity", "note"})."""

    day: pendulum.Date
    activity: Activity
    note: str | None = None


@attrs.frozen
class Ledger:
    """An official's dated records for a period, both ends included (JSON: {"from", "to", "level", "records"})."""

    start: pendulum.Date
    end: pendulum.Date
    records: tuple[Record, ...] = ()
    level: Level | None = None


@attrs.frozen
class Moment:
    """A point in time as the input knows it.

    ``day`` is always the calendar date in Asia/Shanghai; ``instant`` is the
    exact timestamp when the input gave one (a date alone leaves it ``None``).
    """

    day: pendulum.Date
    instant: pendulum.DateTime | None = None


@attrs.frozen
class Unit:
    name: str | None = None
    kind: UnitKind | None = None
    state_owned: bool | None = None
    capacity_tpy: int | None = None
    # several responsible units: each unit's share of the responsibility, as the caller states it
    share: Decimal | None = None


@attrs.frozen
class Jurisdiction:
    system: System | None = None
    level: Level | None = None
    name: str | None = None
    # extension: the province (省、自治区、直辖市) the place is in, so that a province's rules can be chosen
    province: str | None = None
    city: str | None = None
    county: str | None = None
    division: str | None = None


@attrs.frozen
class Incident:
    occurred_at: Moment
    deaths: int
    id: str | None = None
    learned_at: Moment | None = None
    reported_at: Moment | None = None
    serious_injuries: int = 0
    direct_loss_cny: Decimal = Decimal(0)
    sector: Sector | None = None
    accident_type: AccidentType | None = None
    responsibility_accident: bool = False
    major_social_impact: bool = False
    egregious: bool = False
    especially_serious: bool = False
    # extension: 浙江 （九） "因工作不力而引发事故" (the accident was caused by poor work)
    caused_by_poor_work: bool = False
    unit: Unit | None = None
    responsible_unit: Unit | None = None
    # several responsible units (a contractor and the unit where it happened); responsible_unit is the one-item form
    responsible_units: tuple[Unit, ...] = ()
    # how the accident was misreported (迟报、漏报、谎报、瞒报), as the investigation found
    report_failure: tuple[ReportFailure, ...] = ()
    jurisdiction: Jurisdiction | None = None

    @property
    def day(self) -> pendulum.Date:
        return self.occurred_at.day

    @property
    def responsible(self) -> tuple[Unit | None, ...]:
        """The units that bear responsibility: the list, the one unit, else the unit where it happened."""
        if self.responsible_units:
            return self.responsible_units
        return (self.responsible_unit or self.unit,)


@attrs.frozen
class Conduct:
    """Conduct facts per official (docs/rules.md §4, §5, §7); every flag defaults to false."""

    # 贵阳 第十八条 triggers
    duties_not_performed: bool = False
    obstructed_enforcement: bool = False
    interceded: bool = False
    report_failure: bool = False
    leadership_responsibility: bool = False
    failed_rescue: bool = False
    other: bool = False
    # 第二十一条 aggravating
    enlarged_harm: bool = False
    obstructed_inquiry: bool = False
    retaliation: bool = False
    prevention_not_implemented: bool = False
    same_type_within_year: bool = False
    # 第二十五条 lenient
    remedial_action: bool = False
    reduced_loss: bool = False
    mitigated_impact: bool = False
    cooperated: bool = False
    accepted_responsibility: bool = False
    # 第二十六条 exemption, 第十九条 referral, 第二十二条 no escape
    duties_fully_performed: bool = False
    suspected_duty_offence: bool = False
    egregious_dereliction: bool = False
    # other jurisdictions and national law
    primary_responsibility: bool = False
    careless_bad_effect: bool = False
    crime: bool = False
    left_post: bool = False
    absconded: bool = False
    # XPCC 办法 第十三条: designated 兵团安全生产先进个人 this year
    designated_advanced_individual: bool = False


@attrs.frozen
class Official:
    id: str
    post: Post
    name: str | None = None
    portfolio: tuple[Sector, ...] = ()
    signatory: bool = False
    status: Status = Status.in_office
    unit: str | None = None
    conduct: Conduct = Conduct()
    proposed_form: tuple[Form, ...] = ()
    proposed_discipline: tuple[Sanction, ...] = ()
    previous_year_income_cny: Decimal | None = None
    # the level of their own jurisdiction (default: the incident's): a city's leaders are not a county's
    level: Level | None = None
    # extension: dated records of duties performed (see duties.py); checked against the duty catalogue
    ledger: Ledger | None = None


@attrs.frozen
class LedgerCase:
    """``accountability duties``: one official's ledger, checked against a regime's duty catalogue."""

    official: Official
    regime: str = "card"


@attrs.frozen
class Assessment:
    year: int
    name: str | None = None
    unit_kind: UnitKind | None = None
    score: Decimal | None = None
    designated: bool | None = None
    published_on: pendulum.Date | None = None
    consecutive_advanced_years: int = 0
    failed: bool | None = None


@attrs.frozen
class Case:
    """One assessment request: the JSON input of docs/contract.md as typed data."""

    incident: Incident
    # None (or "auto"): the regimes that govern the incident's place on its date are chosen (selection.py)
    regime: str | None = None
    history: tuple[Incident, ...] = ()
    officials: tuple[Official, ...] = ()
    decided_on: pendulum.Date | None = None
    assessment: Assessment | None = None


@attrs.frozen
class Review:
    """``accountability review``: one unit's year — its assessment, its incidents, its signatories."""

    assessment: Assessment
    regime: str = "card"
    incidents: tuple[Incident, ...] = ()
    officials: tuple[Official, ...] = ()
