"""The fixed demo data set, so that anyone can try the walls (README lists the accounts).

Idempotent: running it again finds what exists and creates only what is missing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from ilot.core import rls
from ilot.dossiers.models import Dossier, Participant, ParticipantRole
from ilot.dossiers.services import DossierInput, dossier_create, participant_invite
from ilot.tenancy.models import Membership, Organisation, OrganisationKind, User

DEFAULT_PASSWORD = "ilot-demo-2026"  # noqa: S105 - documented demo password


def demo_password() -> str:
    return os.environ.get("ILOT_DEMO_PASSWORD") or DEFAULT_PASSWORD


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    organisation: str
    title: str
    platform_admin: bool = False
    compliance: bool = False


ORGANISATIONS = [
    ("Banque Exemple", OrganisationKind.BANK, "552120222"),
    ("Alpha Promotion", OrganisationKind.DEVELOPER, "812345676"),
    ("Beta Habitat", OrganisationKind.DEVELOPER, "823456785"),
    ("Étude Exemple", OrganisationKind.NOTARY, ""),
]

ACCOUNTS = [
    DemoAccount("rm@banque.example", "Claire Martin", "Banque Exemple", "Chargée d'affaires"),
    DemoAccount("analyste@banque.example", "Hugo Bernard", "Banque Exemple", "Analyste crédit"),
    DemoAccount(
        "conformite@banque.example", "Inès Robert", "Banque Exemple", "Conformité", compliance=True
    ),
    DemoAccount(
        "admin@banque.example",
        "Paul Admin",
        "Banque Exemple",
        "Administrateur plateforme",
        platform_admin=True,
    ),
    DemoAccount(
        "promoteur@alpha.example", "Marc Durand", "Alpha Promotion", "Directeur de programmes"
    ),
    DemoAccount("promoteur@beta.example", "Sophie Lefèvre", "Beta Habitat", "Gérante"),
    DemoAccount("notaire@etude.example", "Maître Anne Petit", "Étude Exemple", "Notaire"),
]

DOSSIERS = [
    # (client, rm e-mail, name, SCCV, SIREN, address, postcode, city, lots, land, construction, gfa)
    (
        "Alpha Promotion",
        "rm@banque.example",
        "Les Jardins de la Loire",
        "SCCV Les Jardins de la Loire",
        "834567893",
        "12 quai de la Fosse",
        "44000",
        "Nantes",
        42,
        "1800000",
        "6500000",
        "9800000",
    ),
    (
        "Alpha Promotion",
        "rm@banque.example",
        "Résidence Le Belvédère",
        "SCCV Le Belvédère",
        "845678903",
        "5 montée du Gourguillon",
        "69005",
        "Lyon",
        28,
        "1200000",
        "4200000",
        "6900000",
    ),
    (
        "Beta Habitat",
        "analyste@banque.example",
        "Villa Horizon",
        "SCCV Villa Horizon",
        "790123459",
        "88 cours de l'Intendance",
        "33000",
        "Bordeaux",
        16,
        "650000",
        "2300000",
        "3900000",
    ),
    (
        "Beta Habitat",
        "analyste@banque.example",
        "Les Terrasses du Port",
        "SCCV Terrasses du Port",
        "751234568",
        "3 boulevard des Dames",
        "13002",
        "Marseille",
        60,
        "2600000",
        "9100000",
        "14500000",
    ),
]

NOTARY_DOSSIER = "Les Jardins de la Loire"


def _ensure_accounts() -> dict[str, User]:
    organisations = {}
    for name, kind, siren in ORGANISATIONS:
        organisations[name], _created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "siren": siren}
        )
    users = {}
    for account in ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                account.email,
                demo_password(),
                full_name=account.full_name,
                is_platform_admin=account.platform_admin,
                is_compliance_officer=account.compliance,
            )
        Membership.objects.get_or_create(
            user=user,
            organisation=organisations[account.organisation],
            defaults={"title": account.title},
        )
        users[account.email] = user
    return users


def load_demo(*, documents: bool = False) -> list[Dossier]:
    """Create the demo organisations, accounts, dossiers and documents that are missing."""
    with transaction.atomic():
        users = _ensure_accounts()
        dossiers = []
        for (
            client_name,
            rm_email,
            name,
            sccv,
            siren,
            address,
            postcode,
            city,
            lots,
            land,
            construction,
            gfa,
        ) in DOSSIERS:
            with rls.as_system():
                existing = Dossier.objects.filter(name=name, client__name=client_name).first()
            if existing is not None:
                dossiers.append(existing)
                continue
            client = Organisation.objects.get(name=client_name)
            manager = users[rm_email]
            dossier = dossier_create(
                actor=manager,
                data=DossierInput(
                    name=name,
                    client_id=client.pk,
                    sccv_name=sccv,
                    sccv_siren=siren,
                    address=address,
                    postcode=postcode,
                    city=city,
                    lots=lots,
                    relationship_manager_id=manager.pk,
                    land_loan_amount=Decimal(land),
                    construction_loan_amount=Decimal(construction),
                    gfa_amount=Decimal(gfa),
                ),
            )
            with rls.acting_as(manager.pk):
                if name == NOTARY_DOSSIER:
                    participant_invite(
                        actor=manager,
                        dossier_id=dossier.pk,
                        email="notaire@etude.example",
                        role=ParticipantRole.NOTARY,
                    )
                developer_email = (
                    "promoteur@alpha.example"
                    if client_name == "Alpha Promotion"
                    else ("promoteur@beta.example")
                )
                if not Participant.objects.filter(
                    dossier=dossier, user=users[developer_email]
                ).exists():
                    participant_invite(
                        actor=manager,
                        dossier_id=dossier.pk,
                        email=developer_email,
                        role=ParticipantRole.DEVELOPER,
                    )
            dossiers.append(dossier)
        from ilot.workflows.demo import load_workflow_demo

        load_workflow_demo()
    if documents:
        from ilot.docai.demo import load_docai_demo

        # After the transaction: each upload commits and queues its analysis for the worker.
        load_docai_demo()
    return dossiers
