"""Forms of the web shell (validation of shape only; business rules live in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ilot.dossiers.models import ParticipantRole


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail"), max_length=254)
    password = forms.CharField(label=_("Mot de passe"), widget=forms.PasswordInput, max_length=512)


class OtpForm(forms.Form):
    code = forms.CharField(
        label=_("Code de vérification"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class DossierForm(forms.Form):
    name = forms.CharField(label=_("Nom de l'opération"), max_length=200)
    client_id = forms.TypedChoiceField(label=_("Client promoteur"), coerce=int)
    sccv_name = forms.CharField(label=_("Nom de la SCCV"), max_length=200)
    sccv_siren = forms.CharField(label=_("SIREN de la SCCV"), max_length=20)
    address = forms.CharField(label=_("Adresse du programme"), max_length=200)
    postcode = forms.CharField(label=_("Code postal"), max_length=5, required=False)
    city = forms.CharField(label=_("Commune"), max_length=120, required=False)
    lots = forms.IntegerField(label=_("Nombre de lots"), min_value=1, max_value=100000)
    land_loan_amount = forms.DecimalField(
        label=_("Prêt foncier (EUR)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    construction_loan_amount = forms.DecimalField(
        label=_("Crédit d'accompagnement (EUR)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    gfa_amount = forms.DecimalField(
        label=_("Garantie financière d'achèvement (EUR)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    relationship_manager_id = forms.TypedChoiceField(label=_("Chargé d'affaires"), coerce=int)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail"))
    role = forms.ChoiceField(label=_("Rôle"), choices=ParticipantRole.choices)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=ParticipantRole.choices)


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Nom complet"), max_length=200)
    password = forms.CharField(label=_("Mot de passe"), widget=forms.PasswordInput, max_length=512)
